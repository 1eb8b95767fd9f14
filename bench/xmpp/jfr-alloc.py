#!/usr/bin/env python3
"""Where a Switchboard run allocated, from a JFR recording's jdk.ObjectAllocationSample events (docs/muc-benchmark.md).

Usage: jfr print --json --events jdk.ObjectAllocationSample --stack-depth 40 sb.jfr > alloc.json
       bench/xmpp/jfr-alloc.py alloc.json FROM TO MESSAGES
FROM and TO (HH:MM:SS, the recording's clock) bound the measured seconds of one run (the bench's log has them);
MESSAGES is the number of room messages sent in them, to give KB per message. The sampled weights are JFR's
estimate of the bytes allocated; the same run twice gives figures a few per cent apart.
"""
import collections
import json
import re
import sys


def short(type_name):
    """A class without its package; a lambda as its defining class's $$Lambda."""
    type_name = re.sub(r'\$\$Lambda\$.*', '$$Lambda', type_name)
    return type_name.split('/')[-1].split('.')[-1]


def main(path, start, end, messages):
    events = [e['values'] for e in json.load(open(path))['recording']['events']]
    events = [v for v in events if start <= v['startTime'][11:19] < end]
    total = 0
    by_class = collections.Counter()
    by_caller = collections.Counter()
    for v in events:
        weight = v['weight']
        total += weight
        by_class[v['objectClass']['name']] += weight
        frames = v['stackTrace']['frames'] if v.get('stackTrace') else []
        names = [short(f['method']['type']['name']) + '.' + f['method']['name'] for f in frames
                 if 'switchboard' in f['method']['type']['name']]
        # the innermost three Switchboard frames say which step allocated; outside code counts under its own top frame
        top = frames[0]['method']['type']['name'] + '.' + frames[0]['method']['name'] if frames else '?'
        by_caller[' < '.join(names[:3]) if names else top] += weight
    if not total:
        sys.exit('no allocation samples between %s and %s' % (start, end))
    print('samples %d, %.1f MB, %.1f KB per room message' % (len(events), total / 1e6, total / 1e3 / messages))
    for title, counter, rows in (('by class', by_class, 10), ('by the innermost Switchboard frames', by_caller, 30)):
        print('==', title)
        for name, weight in counter.most_common(rows):
            print('%5.1f%% %7.1f KB/msg  %s' % (100 * weight / total, weight / 1e3 / messages, name))


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]))
