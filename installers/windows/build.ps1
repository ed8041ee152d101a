<#
.SYNOPSIS
  Build the Call Companion bundle and its Windows installer (Inno Setup 6 or 7).

.DESCRIPTION
  1. python installers\build.py [--with-model PATH]  -> dist\CallCompanion\
  2. dist\CallCompanion\companion.exe --self-test     (offscreen; stops on failure)
  3. signs CallCompanion.exe and companion.exe with signtool when a certificate is configured
  4. ISCC CallCompanion.iss                           -> dist\installer\CallCompanion-<v>-setup.exe
     (the installer and its uninstaller are signed too when a certificate is configured)

  Signing, from the environment; with none of the three set it prints "signing skipped: ..." and
  builds unsigned. A certificate that is set but unusable stops the build.
    CC_SIGN_CERT_BASE64  the .pfx file's content, base64 (a CI secret); written to a temporary
                         file for the build and deleted afterwards
    CC_SIGN_CERT         path to a .pfx file (instead of CC_SIGN_CERT_BASE64)
    CC_SIGN_PASSWORD     the .pfx password (empty or unset: none)
    CC_SIGN_THUMBPRINT   SHA-1 thumbprint of a certificate in the store (instead of a .pfx)
    CC_TIMESTAMP_URL     RFC 3161 server (default http://timestamp.digicert.com; "none": no timestamp)
    CC_SIGNTOOL          signtool.exe to use (default: on PATH, else the newest Windows 10/11 SDK's
                         x64 signtool under "Windows Kits\10\bin")

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

function Find-SignTool {
  if ($env:CC_SIGNTOOL) {
    if (-not (Test-Path -LiteralPath $env:CC_SIGNTOOL)) { throw "CC_SIGNTOOL=$env:CC_SIGNTOOL does not exist" }
    return $env:CC_SIGNTOOL
  }
  $onPath = Get-Command signtool.exe -ErrorAction SilentlyContinue
  if ($onPath) { return $onPath.Source }
  # hosted runners and most build machines: not on PATH, one folder per SDK version
  $kits = Join-Path ${env:ProgramFiles(x86)} "Windows Kits\10\bin"
  $newest = Get-ChildItem -LiteralPath $kits -Directory -ErrorAction SilentlyContinue |
    Where-Object { $_.Name -as [version] } |
    Where-Object { Test-Path -LiteralPath (Join-Path $_.FullName "x64\signtool.exe") } |
    Sort-Object { [version]$_.Name } -Descending |
    Select-Object -First 1
  if ($newest) { return Join-Path $newest.FullName "x64\signtool.exe" }
  throw "signing is configured but signtool.exe was not found (install the Windows SDK, or set CC_SIGNTOOL)"
}

function Find-Iscc {
  $onPath = Get-Command ISCC.exe -ErrorAction SilentlyContinue
  if ($onPath) { return $onPath.Source }
  $candidates = foreach ($base in @($env:ProgramFiles, ${env:ProgramFiles(x86)}, "$env:LOCALAPPDATA\Programs")) {
    foreach ($name in @("Inno Setup 7", "Inno Setup 6")) { Join-Path $base "$name\ISCC.exe" }
  }
  $found = $candidates | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1
  if (-not $found) { throw "Inno Setup is not installed (ISCC.exe not found; choco install innosetup)" }
  return $found
}

function ConvertTo-InnoArgument([string]$Value) {
  # One word of Inno's SignTool command line: $ doubled, quotes as $q (Inno's own escapes), so the
  # whole /S definition is one argument with no quote characters in it.
  if ($Value.Contains('"')) { throw "a signing setting contains a double quote, which signtool cannot be given through Inno" }
  $escaped = $Value.Replace('$', '$$')
  if ($escaped -match '\s' -or $escaped -eq "") { return "`$q$escaped`$q" }
  return $escaped
}

# --- bundle and self-test ------------------------------------------------------------------
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
$iscc = Find-Iscc
$isccArgs = @("/DAppVersion=$version", "installers\windows\CallCompanion.iss")

# --- signing -------------------------------------------------------------------------------
$certificate = @()  # the signtool options naming the certificate
$temporaryPfx = $null
if ($env:CC_SIGN_CERT_BASE64) {
  $temporaryPfx = Join-Path ([IO.Path]::GetTempPath()) ("cc-sign-" + [guid]::NewGuid().ToString("N") + ".pfx")
  [IO.File]::WriteAllBytes($temporaryPfx, [Convert]::FromBase64String($env:CC_SIGN_CERT_BASE64.Trim()))
  $certificate = @("/f", $temporaryPfx)
} elseif ($env:CC_SIGN_CERT) {
  if (-not (Test-Path -LiteralPath $env:CC_SIGN_CERT)) { throw "CC_SIGN_CERT=$env:CC_SIGN_CERT does not exist" }
  $certificate = @("/f", (Resolve-Path -LiteralPath $env:CC_SIGN_CERT).Path)
} elseif ($env:CC_SIGN_THUMBPRINT) {
  $certificate = @("/sha1", $env:CC_SIGN_THUMBPRINT.Replace(" ", ""))
}
if ($certificate.Count -gt 0 -and $certificate[0] -eq "/f" -and $env:CC_SIGN_PASSWORD) {
  $certificate += @("/p", $env:CC_SIGN_PASSWORD)
}

try {
  if ($certificate.Count -gt 0) {
    $signtool = Find-SignTool
    Write-Host "signing with $signtool"
    $timestamp = if ($env:CC_TIMESTAMP_URL) { $env:CC_TIMESTAMP_URL } else { "http://timestamp.digicert.com" }
    $signArgs = @("sign", "/fd", "sha256")
    if ($timestamp -ne "none") { $signArgs += @("/td", "sha256", "/tr", $timestamp) }
    $signArgs += $certificate
    foreach ($file in @("$bundle\CallCompanion.exe", "$bundle\companion.exe")) {
      & $signtool @signArgs $file
      if ($LASTEXITCODE -ne 0) { throw "signing $file failed (signtool exit $LASTEXITCODE)" }
    }
    # Inno runs "<definition> <file>" itself: the same words, $q-quoted, then $f (the file, quoted)
    # (ISCC prints this command line; CI masks the password, see installers/README.md)
    $innoWords = (@($signtool) + $signArgs) | ForEach-Object { ConvertTo-InnoArgument $_ }
    $isccArgs = @("/DSIGN", ("/Ssigntool=" + ($innoWords -join " ") + " `$f")) + $isccArgs
  } else {
    Write-Host "signing skipped: set CC_SIGN_CERT_BASE64 or CC_SIGN_CERT (+ CC_SIGN_PASSWORD), or CC_SIGN_THUMBPRINT"
  }

  & $iscc @isccArgs
  if ($LASTEXITCODE -ne 0) { throw "ISCC failed (exit $LASTEXITCODE)" }
} finally {
  if ($temporaryPfx -and (Test-Path -LiteralPath $temporaryPfx)) { Remove-Item -LiteralPath $temporaryPfx -Force }
}
Get-Item "dist\installer\CallCompanion-$version-setup.exe" | ForEach-Object { $_.FullName }
