<#
.SYNOPSIS
  Build the Call Companion bundle and its Windows installer (Inno Setup 6).

.DESCRIPTION
  1. python installers\build.py [--with-model PATH]  -> dist\CallCompanion\
  2. dist\CallCompanion\companion.exe --self-test     (offscreen; stops on failure)
  3. signs both .exe with signtool when CC_SIGN_CERT (a .pfx) or CC_SIGN_THUMBPRINT is set
  4. ISCC CallCompanion.iss                           -> dist\installer\CallCompanion-<v>-setup.exe
     (the installer and uninstaller are signed too when signing is configured)

  Signing, from the environment (skipped with a message when unset):
    CC_SIGN_CERT       path to a .pfx file        CC_SIGN_PASSWORD  its password
    CC_SIGN_THUMBPRINT certificate in the store (instead of CC_SIGN_CERT)
    CC_TIMESTAMP_URL   RFC 3161 server (default http://timestamp.digicert.com)

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installers\windows\build.ps1 -WithModel C:\models\vosk-model-small-en-us-0.15
#>
param(
  [string]$WithModel = "",
  [string]$Python = "python"
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root

$buildArgs = @("installers\build.py")
if ($WithModel) { $buildArgs += @("--with-model", $WithModel) }
$output = & $Python @buildArgs
if ($LASTEXITCODE -ne 0) { throw "build.py failed (exit $LASTEXITCODE)" }
$output | ForEach-Object { Write-Host $_ }
$exe = ($output | Select-Object -Last 1).Trim()

$env:QT_QPA_PLATFORM = "offscreen"
& $exe --self-test
if ($LASTEXITCODE -ne 0) { throw "the bundle's self-test failed; not making an installer" }

$version = (& $Python -c "import companion; print(companion.__version__)").Trim()
$bundle = Split-Path $exe -Parent
$timestamp = if ($env:CC_TIMESTAMP_URL) { $env:CC_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
$signArgs = $null
if ($env:CC_SIGN_CERT) {
  $signArgs = "/f `"$env:CC_SIGN_CERT`" /p `"$env:CC_SIGN_PASSWORD`""
} elseif ($env:CC_SIGN_THUMBPRINT) {
  $signArgs = "/sha1 $env:CC_SIGN_THUMBPRINT"
}

$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $iscc)) { throw "Inno Setup 6 is not installed (ISCC.exe not found)" }
$isccArgs = @("/DAppVersion=$version", "installers\windows\CallCompanion.iss")

if ($signArgs) {
  $signtool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
  if (-not $signtool) { throw "signing is configured but signtool.exe is not on PATH (Windows SDK)" }
  $sign = "`"$signtool`" sign /fd sha256 /td sha256 /tr $timestamp $signArgs"
  foreach ($file in @("$bundle\CallCompanion.exe", "$bundle\companion.exe")) {
    Invoke-Expression "$sign `"$file`""
    if ($LASTEXITCODE -ne 0) { throw "signing $file failed" }
  }
  $isccArgs = @("/DSIGN", "/Ssigntool=$sign `$f") + $isccArgs
} else {
  Write-Host "signing skipped: set CC_SIGN_CERT (+ CC_SIGN_PASSWORD) or CC_SIGN_THUMBPRINT"
}

& $iscc @isccArgs
if ($LASTEXITCODE -ne 0) { throw "ISCC failed (exit $LASTEXITCODE)" }
Get-Item "dist\installer\CallCompanion-$version-setup.exe" | ForEach-Object { $_.FullName }
