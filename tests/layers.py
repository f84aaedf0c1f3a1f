#!/usr/bin/env python3
"""layers.py - the include rules of lib/ and cgi-bin/ (README: Layout).

    tests/layers.py [ROOT]       checks ROOT (this checkout by default)
    tests/layers.py --self-check shows that it fails on what it forbids

Reads every #include "..." of lib/ and cgi-bin/ and prints one line per
broken rule, exit 1 when there is any:
  - every file of lib/ lies in one of the folders below;
  - a folder includes only the folders MAY names (so core includes no
    web, domain or read; domain no web or read; nothing in lib/ a page);
  - no circle of includes between units (x.c with its x.h) or folders;
  - no page includes core/db.h: its SQL lives in lib/domain or lib/read;
  - no rule writes template data: no file of lib/domain calls a function
    that writes HDF (db_rows, db_row, hdf_set_*, ...), and no header of
    lib/domain names an HDF * (a rule returns typed results, the page or
    lib/read writes HDF); reading the configuration (conf_*, hdf_get_* of
    conf_hdf()) stays allowed;
  - every exception still names an include that exists.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# What each folder may include besides itself. A page includes no page.
MAY = {
    'lib/core': set(),
    'lib/domain': {'lib/core'},
    'lib/read': {'lib/core', 'lib/domain'},
    'lib/web': {'lib/core'},
    'cgi-bin': {'lib/core', 'lib/domain', 'lib/read', 'lib/web'},
}
MAY = {k: v | ({k} if k != 'cgi-bin' else set()) for k, v in MAY.items()}

# What a page may not include although its folder is allowed: the
# database. A page calls the rules and the read models (issue 19).
NOT_FOR_PAGES = {'lib/core/db.h'}

# Every exception, with its reason: (file, the file it includes). Issue
# 19 emptied it; an include the rules forbid is fixed, not listed, unless
# its reason is written here.
ALLOWED = {}

# The functions that write template data (HDF), which no file of
# lib/domain calls (issue 19): the database's rows into HDF, ClearSilver's
# writers, and the helpers of lib/core that fill a tree.
HDF_WRITERS = re.compile(
    r'\b(db_rows|db_rows_at|db_row|hdf_set_\w+|hdf_get_node|hdf_remove_tree|hdf_copy'
    r'|hdf_read_\w+|hdf_sort_obj|hdf_init|conf_fill_days|idlist_row)\s*\(')
HDF_PARAM = re.compile(r'\bHDF\s*\*')

# Every function of lib/domain that must write template data, with its
# reason: (file, function called). Issue 19 emptied it.
HDF_ALLOWED = {}


def code_of(text):
    """The text without its comments and string literals (kept as "")."""
    return re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                  lambda m: '""' if m.group(0)[0] == '"' else ' ', text, flags=re.S)


INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def folder_of(path):
    for f in MAY:
        if path.startswith(f + '/') and '/' not in path[len(f) + 1:]:
            return f
    return None


def unit_of(path):
    return os.path.splitext(path)[0]


def circles(edges):
    """The strongly connected parts of more than one node (Tarjan)."""
    graph = {}
    for a, b in edges:
        if a != b:
            graph.setdefault(a, set()).add(b)
            graph.setdefault(b, set())
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def check(root):
    bad, edges, hdf_used = [], [], set()
    files = []
    for top in ('lib', 'cgi-bin'):
        for d, _, names in os.walk(os.path.join(root, top)):
            files += [os.path.relpath(os.path.join(d, n), root) for n in names
                      if n.endswith(('.c', '.h'))]
    for f in sorted(files):
        if folder_of(f) is None:
            bad.append(f'{f}: lies in no layer folder ({", ".join(MAY)})')
            continue
        with open(os.path.join(root, f), encoding='utf-8') as fh:
            text = fh.read()
        if folder_of(f) == 'lib/domain':
            code = code_of(text)
            for name in sorted(set(m.group(1) for m in HDF_WRITERS.finditer(code))):
                if (f, name) in HDF_ALLOWED:
                    hdf_used.add((f, name))
                else:
                    bad.append(f'{f}: calls {name}(): a rule writes no template data '
                               f'(lib/read or the page writes HDF)')
            if f.endswith('.h') and HDF_PARAM.search(code):
                bad.append(f'{f}: names HDF *: a rule takes and returns no template data')
        for inc in INCLUDE.findall(text):
            # As the compiler looks: beside the file, then -Ilib.
            for base in (os.path.dirname(f), 'lib'):
                t = os.path.normpath(os.path.join(base, inc))
                if os.path.exists(os.path.join(root, t)):
                    break
            else:
                bad.append(f'{f}: includes "{inc}", which is no file of lib/ or beside it')
                continue
            edges.append((f, t))
    used = set()
    for f, t in edges:
        if (f, t) in ALLOWED:
            used.add((f, t))
            continue
        ff, tf = folder_of(f), folder_of(t)
        if tf not in MAY[ff]:
            bad.append(f'{f}: includes {t}: {ff}/ may include only '
                       f'{", ".join(sorted(x + "/" for x in MAY[ff])) or "nothing"}')
        elif ff == 'cgi-bin' and t in NOT_FOR_PAGES:
            bad.append(f'{f}: includes {t}: a page holds no SQL '
                       f'(lib/domain or lib/read hold it)')
    kept = [(f, t) for f, t in edges if (f, t) not in ALLOWED]
    for part in circles([(unit_of(f), unit_of(t)) for f, t in kept]):
        bad.append('a circle of includes between files: ' + ' <-> '.join(part))
    for part in circles([(folder_of(f), folder_of(t)) for f, t in kept
                         if folder_of(t)]):
        bad.append('a circle of includes between folders: ' + ' <-> '.join(part))
    for f, t in sorted(set(ALLOWED) - used):
        bad.append(f'exception {f} -> {t} names no include: remove it from tests/layers.py')
    for f, name in sorted(set(HDF_ALLOWED) - hdf_used):
        bad.append(f'exception {f} calling {name}() names no call: remove it from tests/layers.py')
    return bad


def self_check():
    """Each injected fault must fail the check; the clean copy must pass."""
    faults = [
        ('lib/core/days.c', '#include "../web/app.h"\n', 'lib/core/ may include only'),
        ('lib/domain/card.c', '#include "web/sess.h"\n', 'lib/domain/ may include only'),
        ('lib/domain/card.c', '#include "../../cgi-bin/card.c"\n', 'includes cgi-bin/card.c:'),
        ('lib/domain/card.h', '#include "domain/gate.h"\n', 'circle of includes between files'),
        ('cgi-bin/card.c', '#include "core/db.h"\n', 'a page holds no SQL'),
        ('lib/url.h', None, 'lies in no layer folder'),
        ('lib/domain/card.c', 'static void f(HDF *h) { hdf_set_value(h, "A", "1"); }\n',
         'calls hdf_set_value(): a rule writes no template data'),
        ('lib/domain/exempt.c', 'static NEOERR *f(HDF *h) { return db_rows(h, "A", NULL, "SELECT 1", NULL); }\n',
         'calls db_rows(): a rule writes no template data'),
        ('lib/domain/exempt.h', 'NEOERR *exempt_hdf(HDF *out);\n', 'names HDF *'),
    ]
    me = os.path.abspath(__file__)
    root = os.path.dirname(os.path.dirname(me))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for top in ('lib', 'cgi-bin'):
            shutil.copytree(os.path.join(root, top), os.path.join(tmp, top))
        clean = check(tmp)
        print(('ok' if not clean else 'not ok') + ' layers self-check: the copy passes')
        failed += bool(clean)
        for path, line, want in faults:
            p = os.path.join(tmp, path)
            saved = open(p, encoding='utf-8').read() if line else None
            if line:
                open(p, 'w', encoding='utf-8').write(line + saved)
            else:
                shutil.copy(os.path.join(tmp, 'lib/core/url.h'), p)
            out = subprocess.run([sys.executable, me, tmp], capture_output=True, text=True)
            hit = out.returncode == 1 and want in out.stdout
            what = f'{line.strip()} in {path}' if line else f'a file {path}'
            print(f'{"ok" if hit else "not ok"} layers self-check: fails on {what}')
            failed += not hit
            if line:
                open(p, 'w', encoding='utf-8').write(saved)
            else:
                os.remove(p)
    return failed


def main():
    if sys.argv[1:] == ['--self-check']:
        sys.exit(1 if self_check() else 0)
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bad = check(root)
    for b in bad:
        print(b)
    print(f'{len(bad)} broken layer rules, {len(ALLOWED) + len(HDF_ALLOWED)} exceptions')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
