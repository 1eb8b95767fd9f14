#!/usr/bin/env python3
"""Builds the unsigned APK: aapt2's linked manifest and resources, D8's dex files, and the Java resources of the
jars D8 read (Smack's *.providers, smack-config.xml, META-INF/services), which D8 does not carry over. Entries are
sorted and dated 1981-01-01 so that the same inputs give the same bytes (the APK is reproducible)."""
import sys
import zipfile

FIXED = (1981, 1, 1, 0, 0, 0)


def keep_resource(name):
    if name.endswith('/') or name.endswith('.class') or name.rsplit('/', 1)[-1].startswith('.keep'):
        return False  # classes are in the dex; .keep files are Gradle's placeholders for empty folders
    if name.startswith('META-INF/'):
        # only the service registrations: signatures, manifests, Maven metadata and licences of the jars are not the app's
        return name.startswith('META-INF/services/') and not name.endswith('/')
    return True


def main(base_apk, out_apk, dex_files, jars):
    entries = {}
    compress = {}
    with zipfile.ZipFile(base_apk) as base:
        for info in base.infolist():
            entries[info.filename] = base.read(info)
            compress[info.filename] = info.compress_type
    for dex in dex_files:
        name = dex.rsplit('/', 1)[-1]
        with open(dex, 'rb') as f:
            entries[name] = f.read()
        compress[name] = zipfile.ZIP_DEFLATED
    services = {}
    for jar in sorted(jars):
        with zipfile.ZipFile(jar) as z:
            for name in sorted(z.namelist()):
                if not keep_resource(name):
                    continue
                data = z.read(name)
                if name.startswith('META-INF/services/'):
                    lines = services.setdefault(name, [])
                    for line in data.decode('utf-8').splitlines():
                        line = line.split('#', 1)[0].strip()
                        if line and line not in lines:
                            lines.append(line)
                elif name in entries:
                    if entries[name] != data:
                        sys.exit('assemble.py: two jars hold different ' + name + ' (' + jar + ')')
                else:
                    entries[name] = data
                    compress[name] = zipfile.ZIP_DEFLATED
    for name, lines in services.items():
        entries[name] = ('\n'.join(lines) + '\n').encode('utf-8')
        compress[name] = zipfile.ZIP_DEFLATED
    first = [n for n in ('AndroidManifest.xml',) if n in entries]
    with zipfile.ZipFile(out_apk, 'w') as out:
        for name in first + sorted(n for n in entries if n not in first):
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = compress[name]
            info.external_attr = 0o644 << 16
            info.create_system = 3
            out.writestr(info, entries[name], compresslevel=9)


if __name__ == '__main__':
    args = sys.argv[1:]
    split = args.index('--jars')
    main(args[0], args[1], args[2:split], args[split + 1:])
