#!/usr/bin/env bash
# Build CallCompanion.app and a .dmg on macOS; sign, notarize and staple when configured.
#
#   installers/macos/build.sh [--with-model PATH]
#
# One architecture per build: the one of $PYTHON (arm64 on Apple silicon; x86_64 on an Intel
# Mac, or an x86_64 Python under Rosetta). The dmg's name says which:
# CallCompanion-<version>-arm64.dmg / -x86_64.dmg. Build both to serve every Mac.
#
# 1. python installers/build.py          -> dist/CallCompanion.app (Info.plist has the mic text,
#                                           and LSMinimumSystemVersion from macos_minimum.py)
# 2. the app's self-test, offscreen       (stops on failure); the app's executable must be for
#    the build's architecture, and no bundled Mach-O file may need a newer macOS than the
#    Info.plist declares (installers/macos_minimum.py --check)
# 3. codesign every Mach-O file inside-out, then the app, with the hardened runtime and
#    entitlements.plist (audio-input)      when CC_CODESIGN_IDENTITY is set
# 4. hdiutil                              -> dist/CallCompanion-<version>-<arch>.dmg (signed
#                                           when 3 ran)
# 5. xcrun notarytool submit --wait, then xcrun stapler staple
#    when CC_NOTARY_PROFILE (a `notarytool store-credentials` keychain profile) is set, or
#    CC_APPLE_ID + CC_TEAM_ID + CC_APP_PASSWORD (an app-specific password)
# Steps 3 and 5 are skipped with a message when their variables are not set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
cd "$root"

arch="$("$python" -c 'import platform; print(platform.machine())')"
case "$arch" in
  arm64|x86_64) ;;
  *) echo "build.sh: unsupported architecture '$arch' for $python" >&2; exit 2 ;;
esac
exe="$("$python" installers/build.py "$@" | tee /dev/stderr | tail -n 1)"
app="$root/dist/CallCompanion.app"
QT_QPA_PLATFORM=offscreen "$exe" --self-test
built="$(lipo -archs "$app/Contents/MacOS/companion")"
if [[ " $built " != *" $arch "* ]]; then
  echo "build.sh: the app was built for '$built', not $arch" >&2
  exit 1
fi
"$python" installers/macos_minimum.py --check "$app" --arch "$arch"
minimum="$(/usr/libexec/PlistBuddy -c "Print :LSMinimumSystemVersion" "$app/Contents/Info.plist")"
echo "CallCompanion.app: $arch, macOS $minimum or later"

version="$("$python" -c 'import companion; print(companion.__version__)')"
dmg="$root/dist/CallCompanion-$version-$arch.dmg"

if [[ -n "${CC_CODESIGN_IDENTITY:-}" ]]; then
  sign=(codesign --force --timestamp --options runtime --sign "$CC_CODESIGN_IDENTITY")
  # inside-out: libraries and helper executables first, the app bundle last
  while IFS= read -r -d '' file; do
    if file -b "$file" | grep -q "Mach-O"; then
      "${sign[@]}" --entitlements "$here/entitlements.plist" "$file"
    fi
  done < <(find "$app/Contents" -type f -print0)
  "${sign[@]}" --entitlements "$here/entitlements.plist" "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  echo "codesign skipped: set CC_CODESIGN_IDENTITY (e.g. 'Developer ID Application: …')"
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Call Companion" -srcfolder "$staging" -ov -format UDZO "$dmg"
if [[ -n "${CC_CODESIGN_IDENTITY:-}" ]]; then
  codesign --force --timestamp --sign "$CC_CODESIGN_IDENTITY" "$dmg"
fi

if [[ -n "${CC_NOTARY_PROFILE:-}" ]]; then
  xcrun notarytool submit "$dmg" --keychain-profile "$CC_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
elif [[ -n "${CC_APPLE_ID:-}" && -n "${CC_TEAM_ID:-}" && -n "${CC_APP_PASSWORD:-}" ]]; then
  xcrun notarytool submit "$dmg" --apple-id "$CC_APPLE_ID" --team-id "$CC_TEAM_ID" \
    --password "$CC_APP_PASSWORD" --wait
  xcrun stapler staple "$dmg"
else
  echo "notarization skipped: set CC_NOTARY_PROFILE, or CC_APPLE_ID + CC_TEAM_ID + CC_APP_PASSWORD"
fi
echo "$dmg"
