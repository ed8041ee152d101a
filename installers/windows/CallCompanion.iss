; Inno Setup 6 (or 7) script for Call Companion. Built by build.ps1 (which passes AppVersion and,
; when signing is configured, SIGN); do not run by hand without /DAppVersion=x.y.z.
;
; Per-user install without admin rights by default ({autopf} = %LOCALAPPDATA%\Programs);
; all users with admin rights when run with /ALLUSERS (or chosen in the dialog).
; Silent:    CallCompanion-<v>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS]
;            [/TASKS="autostart"] [/DIR="C:\Apps\Call Companion"]
; Uninstall: unins000.exe /VERYSILENT keeps the agent's notes and history;
;            add /PURGE=yes to delete them (data of the user running the uninstaller only).
;
; A running overlay: an upgrade closes it through the Restart Manager and starts it again
; afterwards (CloseApplications, RestartApplications; the app registers with
; RegisterApplicationRestart, companion/windows_session.py). The uninstaller asks it to quit
; (`CallCompanion.exe call quit`) and waits for its mutexes to go (InitializeUninstall below).
; There is deliberately no AppMutex directive: Setup checks AppMutex at startup, before the
; Restart Manager runs, and a silent upgrade would stop there (/SUPPRESSMSGBOXES answers
; Cancel) instead of closing and restarting the app.

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
; force: an overlay that does not close when asked is ended; notes are saved as they are typed
CloseApplications=force
RestartApplications=yes
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
const
  { the mutexes the app holds while it runs (companion/windows_session.py) }
  RunningMutex = 'CallCompanionRunning';
  QuitWaitMs = 20000;

function RunningMutexes(): String;
begin
  { this session's overlay; an all-users uninstall also sees the overlays of other sessions }
  Result := RunningMutex;
  if IsAdminInstallMode() then
    Result := Result + ',' + 'Global\' + RunningMutex;
end;

function InitializeUninstall(): Boolean;
var
  ResultCode, Waited: Integer;
begin
  Result := True;
  if not CheckForMutexes(RunningMutexes()) then
    exit;
  { as the overlay's own Quit: it keeps the note draft and closes; exit code 3 = not running here }
  Exec(ExpandConstant('{app}\{#AppExe}'), 'call quit', '', SW_HIDE, ewWaitUntilTerminated,
       ResultCode);
  Waited := 0;
  while CheckForMutexes(RunningMutexes()) and (Waited < QuitWaitMs) do begin
    Sleep(250);
    Waited := Waited + 250;
  end;
  while CheckForMutexes(RunningMutexes()) do begin
    Log('Call Companion is still running (this or another session): not uninstalling');
    if UninstallSilent() then begin
      Result := False;
      exit;
    end;
    if MsgBox('Call Companion is still running, in this or another Windows session.' + #13#10 +
              'Quit it from its menu (or sign the other users out), then click OK.',
              mbError, MB_OKCANCEL) <> IDOK then begin
      Result := False;
      exit;
    end;
  end;
end;

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
