; Inno Setup 6 script for Call Companion. Built by build.ps1 (which passes AppVersion and,
; when signing is configured, SIGN); do not run by hand without /DAppVersion=x.y.z.
;
; Per-user install without admin rights by default ({autopf} = %LOCALAPPDATA%\Programs);
; all users with admin rights when run with /ALLUSERS (or chosen in the dialog).
; Silent:    CallCompanion-<v>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS]
;            [/TASKS="autostart"] [/DIR="C:\Apps\Call Companion"]
; Uninstall: unins000.exe /VERYSILENT keeps the agent's notes and history;
;            add /PURGE=yes to delete them (data of the user running the uninstaller only).

#ifndef AppVersion
  #error Pass /DAppVersion=x.y.z (build.ps1 does)
#endif
#define AppName "Call Companion"
#define AppExe "CallCompanion.exe"
#define Bundle "..\..\dist\CallCompanion"

[Setup]
AppId={{6C1F3B0E-4C2A-4E55-9A57-2B8C0D1F7A31}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Call Companion contributors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
OutputDir=..\..\dist\installer
OutputBaseFilename=CallCompanion-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\{#AppExe}
CloseApplications=yes
#ifdef SIGN
SignTool=signtool
SignedUninstaller=yes
#endif

[Tasks]
Name: "autostart"; Description: "Start Call Companion when I sign in"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autoprograms}\{#AppName} self-test"; Filename: "{cmd}"; \
  Parameters: "/k ""{app}\companion.exe"" --self-test"

[Registry]
; HKA = HKCU for a per-user install, HKLM for all users
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "CallCompanion"; ValueData: """{app}\{#AppExe}"""; \
  Flags: uninsdeletevalue; Tasks: autostart

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start Call Companion"; \
  Flags: nowait postinstall skipifsilent

[Code]
function DataFolder(): String;
begin
  { platformdirs' user data, config, log and cache folders all live under this one }
  Result := ExpandConstant('{localappdata}\CallCompanion');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Purge: Boolean;
begin
  if (CurUninstallStep <> usPostUninstall) or not DirExists(DataFolder()) then
    exit;
  if UninstallSilent() then
    Purge := CompareText(ExpandConstant('{param:PURGE|no}'), 'yes') = 0
  else
    Purge := MsgBox('Also delete your call notes, call history and settings in ' +
                    DataFolder() + '?' + #13#10#13#10 +
                    'Choose No to keep them for a later install.',
                    mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Purge then
    DelTree(DataFolder(), True, True, True);
end;
