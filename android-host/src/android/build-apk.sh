#!/usr/bin/env bash
# Builds target/switchboard-host.apk (docs/android-host.md, ADR 0050), called by the module's Maven build in the
# package phase with the paths in the environment (pom.xml). Steps: check that the core stays free of Android;
# compile app + core against the APK's Smack (4.5.0-beta5) and android-all; aapt2 link; D8; add the jars' Java
# resources; zipalign; sign; verify signature, badging and dex contents.
# Without Debian's aapt, zipalign, apksigner or dexdump it skips the APK (saying so) unless
# SWITCHBOARD_REQUIRE_PEERS=true, where a missing tool fails the build by name.
set -euo pipefail
: "${APK_DIR:?}" "${APK_OUT:?}" "${SRC_DIR:?}" "${CORE_CLASSES:?}" "${ANDROID_ALL:?}" "${R8_JAR:?}" "${MIN_SDK:?}" "${TARGET_SDK:?}" "${VERSION_NAME:?}"
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}"
JDK_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
say() { echo "[apk] $*"; }

# 1. The core (everything but org.switchboard.host.android) must not use Android: it runs on the JVM too.
leaks=$("${JAVA_BIN}jdeps" -verbose:class -e 'android\..*|dalvik\..*|com\.android\..*' "$CORE_CLASSES" 2>/dev/null \
  | grep -E '^ +org\.switchboard\.host\.' | grep -v '^ *org\.switchboard\.host\.android\.' || true)
if [ -n "$leaks" ]; then
  echo "[apk] the host core uses Android classes (only org.switchboard.host.android may):"; echo "$leaks"; exit 1
fi

# 2. The tools (Debian packages aapt, zipalign, apksigner, dexdump).
missing=()
for tool in aapt2 zipalign apksigner dexdump; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${SWITCHBOARD_REQUIRE_PEERS:-}" = "true" ]; then
    echo "[apk] FAILED: ${missing[*]} not found (Debian packages aapt, zipalign, apksigner, dexdump); SWITCHBOARD_REQUIRE_PEERS=true"; exit 1
  fi
  echo "[WARNING] [apk] SKIPPED building switchboard-host.apk: ${missing[*]} not found (apt-get install aapt zipalign apksigner dexdump)"
  rm -f "$APK_OUT"; exit 0
fi

work="$APK_DIR/work"; rm -rf "$work"; mkdir -p "$work/classes" "$work/dex" "$work/res"
libs=("$APK_DIR"/libs/*.jar)
cp=$(IFS=:; echo "${libs[*]}"):$ANDROID_ALL

# 3. Compile app + core against the APK's own Smack: what the JVM build compiled against 4.5.0-rc1 must link here.
find "$SRC_DIR/main/java" "$SRC_DIR/android/java" -name '*.java' | LC_ALL=C sort > "$work/sources.txt"
"${JAVA_BIN}javac" --release 17 -nowarn -encoding UTF-8 -d "$work/classes" -cp "$cp" @"$work/sources.txt"
(cd "$work/classes" && find . -type f | LC_ALL=C sort > ../classes.txt)
"${JAVA_BIN}jar" --create --file "$work/app.jar" --date=1981-01-01T00:00:02Z -C "$work/classes" .

# 4. Manifest and resources against the API level's framework resources (inside android-all).
python3 - "$ANDROID_ALL" "$work/framework-res.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], 'w') as out:
    for name in ('AndroidManifest.xml', 'resources.arsc'):
        out.writestr(zipfile.ZipInfo(name, (1981, 1, 1, 0, 0, 0)), src.read(name))
PY
aapt2 compile --dir "$SRC_DIR/android/res" -o "$work/res/compiled.zip"
aapt2 link -o "$work/base.apk" -I "$work/framework-res.zip" --manifest "$SRC_DIR/android/AndroidManifest.xml" \
  --min-sdk-version "$MIN_SDK" --target-sdk-version "$TARGET_SDK" --version-code "${VERSION_CODE:-1}" \
  --version-name "$VERSION_NAME" "$work/res/compiled.zip"

# 5. Dex the app, the core and Smack.
"${JAVA_BIN}java" -cp "$R8_JAR" com.android.tools.r8.D8 --release --min-api "$MIN_SDK" --lib "$ANDROID_ALL" --lib "$JDK_HOME" \
  --output "$work/dex" "$work/app.jar" "${libs[@]}" 2> >(grep -v -E '^(Warning|  )' >&2 || true)
dexes=("$work"/dex/classes*.dex)

# 6. Assemble, align, sign.
python3 "$SRC_DIR/android/build/assemble.py" "$work/base.apk" "$work/unsigned.apk" "${dexes[@]}" --jars "${libs[@]}"
zipalign -f -p 4 "$work/unsigned.apk" "$work/aligned.apk"
if [ -n "${SWITCHBOARD_APK_KEYSTORE:-}" ]; then
  : "${SWITCHBOARD_APK_KEYSTORE_PASSWORD:?a release keystore needs SWITCHBOARD_APK_KEYSTORE_PASSWORD}" "${SWITCHBOARD_APK_KEY_ALIAS:?and SWITCHBOARD_APK_KEY_ALIAS}"
  say "signing with the release key $SWITCHBOARD_APK_KEY_ALIAS from SWITCHBOARD_APK_KEYSTORE"
  apksigner sign --ks "$SWITCHBOARD_APK_KEYSTORE" --ks-pass env:SWITCHBOARD_APK_KEYSTORE_PASSWORD \
    --ks-key-alias "$SWITCHBOARD_APK_KEY_ALIAS" --out "$APK_OUT" "$work/aligned.apk"
else
  apksigner sign --ks "$SRC_DIR/android/debug.keystore" --ks-pass pass:android --ks-key-alias androiddebugkey \
    --out "$APK_OUT" "$work/aligned.apk"
fi
rm -f "$APK_OUT.idsig"

# 7. Verify what was built.
apksigner verify --min-sdk-version "$MIN_SDK" "$APK_OUT"
badging=$(aapt2 dump badging "$APK_OUT")
expect() { grep -qF -- "$1" <<<"$badging" || { echo "[apk] FAILED: aapt2 dump badging lacks $1"; exit 1; }; }
expect "package: name='org.switchboard.host'"
expect "sdkVersion:'$MIN_SDK'"
expect "targetSdkVersion:'$TARGET_SDK'"
for permission in SEND_SMS RECEIVE_SMS RECEIVE_WAP_PUSH READ_SMS READ_PHONE_STATE INTERNET RECEIVE_BOOT_COMPLETED FOREGROUND_SERVICE_REMOTE_MESSAGING CALL_PHONE; do
  expect "uses-permission: name='android.permission.$permission'"
done
unzip -o -q "$APK_OUT" 'classes*.dex' -d "$work/check"
classes=$(for dex in "$work"/check/classes*.dex; do dexdump "$dex"; done | grep -F 'Class descriptor' || true)
for class in Lorg/switchboard/host/android/AndroidRadio\; Lorg/switchboard/host/android/pdu/SendReq\; Lorg/switchboard/host/HostCore\; Lorg/jivesoftware/smack/tcp/XMPPTCPConnection\; \
    Lorg/jivesoftware/smack/xml/xpp3/Xpp3XmlPullParserFactory\; Lorg/minidns/DnsClient\; Lorg/jivesoftware/smack/sasl/provided/SASLDigestMD5Mechanism\;; do
  grep -qF "'$class'" <<<"$classes" || { echo "[apk] FAILED: classes.dex lacks $class"; exit 1; }
done
listing=$(unzip -Z1 "$APK_OUT")
for resource in org.jivesoftware.smack/smack-config.xml META-INF/services/org.jivesoftware.smack.xml.XmlPullParserFactory; do
  grep -qxF "$resource" <<<"$listing" || { echo "[apk] FAILED: the APK lacks $resource"; exit 1; }
done
say "built and verified $APK_OUT ($(stat -c %s "$APK_OUT") bytes, sha256 $(sha256sum "$APK_OUT" | cut -c1-16)…)"
