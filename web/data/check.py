#!/usr/bin/env python3
"""Validate the reference tables in this folder (standard library only).

    python3 check.py          # exit status 0 when every check passes

Checks: headers, well-formed and unique codes, parent rows exist (district -> city -> province,
中类 -> 大类 -> 门类, 小类 -> 中类), 大类 numbers fall in their 门类's GB/T 4754 range, required
fields filled, known spot values, and prints the counts per level.
"""
import csv
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
GB2260_COLS = ['code', 'name_zh_cn', 'city_code', 'name_zh_tw', 'name_en', 'kind', 'note']
GB4754_COLS = ['code', 'level', 'name_zh_cn', 'name_zh_tw', 'name_en', 'note']

# GB/T 4754-2017 门类 -> 大类 range
SECTION_RANGES = {
    'A': (1, 5), 'B': (6, 12), 'C': (13, 43), 'D': (44, 46), 'E': (47, 50), 'F': (51, 52),
    'G': (53, 60), 'H': (61, 62), 'I': (63, 65), 'J': (66, 69), 'K': (70, 70), 'L': (71, 72),
    'M': (73, 75), 'N': (76, 79), 'O': (80, 82), 'P': (83, 83), 'Q': (84, 85), 'R': (86, 90),
    'S': (91, 96), 'T': (97, 97),
}
LIAONING_CITIES = {
    '2101': '沈阳市', '2102': '大连市', '2103': '鞍山市', '2104': '抚顺市', '2105': '本溪市',
    '2106': '丹东市', '2107': '锦州市', '2108': '营口市', '2109': '阜新市', '2110': '辽阳市',
    '2111': '盘锦市', '2112': '铁岭市', '2113': '朝阳市', '2114': '葫芦岛市',
}

passed = 0
failed = 0


def check(ok, what, detail=''):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f'FAIL: {what}' + (f' -- {detail}' if detail else ''))
    return ok


def load(name, cols):
    path = os.path.join(HERE, name)
    with open(path, encoding='utf-8', newline='') as f:
        text = f.read()
    check('\r' not in text, f'{name}: LF line endings only')
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    header = lines[0].split('\t')
    check(header == cols, f'{name}: header', f'{header} != {cols}')
    rows, badlen, badspace = [], [], []
    for i, line in enumerate(lines[1:], start=2):
        f = line.split('\t')
        if len(f) != len(cols):
            badlen.append(i)
            continue
        if any(v != v.strip() or '\u3000' in v for v in f):
            badspace.append(i)
        rows.append(dict(zip(cols, f)))
    check(not badlen, f'{name}: every line has {len(cols)} tab-separated fields', badlen[:10])
    check(not badspace, f'{name}: no stray whitespace in fields', badspace[:10])
    codes = [r['code'] for r in rows]
    dup = [c for c, n in Counter(codes).items() if n > 1]
    check(not dup, f'{name}: codes unique', dup)
    return rows


def nonempty(name, rows, fields):
    bad = [r['code'] for r in rows for fld in fields if not r[fld]]
    check(not bad, f'{name}: {"/".join(fields)} filled', bad[:10])


# ------------------------------------------------------------------ GB/T 2260
prov = load('gb2260-provinces.tsv', GB2260_COLS)
nonempty('gb2260-provinces.tsv', prov, ['name_zh_cn', 'name_zh_tw', 'name_en', 'kind'])
check(all(re.fullmatch(r'[1-8]\d0000', r['code']) for r in prov), 'provinces: codes are xx0000',
      [r['code'] for r in prov if not re.fullmatch(r'[1-8]\d0000', r['code'])])
check(all(r['city_code'] == '' for r in prov), 'provinces: city_code empty')
check(len(prov) == 34, 'provinces: 34 provincial-level divisions', len(prov))
pmap = {r['code']: r['name_zh_cn'] for r in prov}
for code, name in (('110000', '北京市'), ('210000', '辽宁省'), ('820000', '澳门特别行政区'),
                   ('610000', '陕西省'), ('140000', '山西省')):
    check(pmap.get(code) == name, f'provinces: {code} = {name}', pmap.get(code))
check(dict((r['code'], r['name_en']) for r in prov).get('610000') == 'Shaanxi Province',
      'provinces: 陕西 is Shaanxi (not Shanxi)')

ln = load('gb2260-liaoning.tsv', GB2260_COLS)
nonempty('gb2260-liaoning.tsv', ln, ['name_zh_cn', 'city_code', 'name_zh_tw', 'name_en', 'kind'])
bad = [r['code'] for r in ln if not re.fullmatch(r'21(0[1-9]|1[0-4])\d\d', r['code'])]
check(not bad, 'liaoning: codes are 6 digits 2101xx-2114xx', bad)
bad = [r['code'] for r in ln if r['city_code'] != r['code'][:4]]
check(not bad, 'liaoning: city_code = first 4 digits of code', bad)
check('210000' in pmap, 'liaoning: province 210000 exists in gb2260-provinces.tsv')
cities = {r['code'][:4]: r for r in ln if r['code'].endswith('00')}
check({c: r['name_zh_cn'] for c, r in cities.items()} == LIAONING_CITIES, 'liaoning: the 14 prefecture-level cities',
      {c: r['name_zh_cn'] for c, r in cities.items()})
check(all(r['kind'] == 'prefecture_city' for r in cities.values()), 'liaoning: city rows have kind prefecture_city')
counties = [r for r in ln if not r['code'].endswith('00')]
orphans = [r['code'] for r in counties if r['city_code'] not in cities]
check(not orphans, 'liaoning: every district/county has its city row', orphans)
check(not any(r['code'].endswith('01') and r['name_zh_cn'] == '市辖区' for r in ln),
      'liaoning: no 市辖区 placeholder rows')
# kind must agree with name suffix and with the GB/T 2260 code block (01-20 区, 21-80 县, 81-99 县级市)
KIND_SUFFIX = {'district': '区', 'county': '县', 'autonomous_county': '自治县', 'county_city': '市'}
bad = [r['code'] for r in counties if not r['name_zh_cn'].endswith(KIND_SUFFIX.get(r['kind'], '?'))]
check(not bad, 'liaoning: kind matches name suffix', bad)
def block(code):
    n = int(code[4:])
    return 'district' if n <= 20 else 'county' if n <= 80 else 'county_city'
bad = [r['code'] for r in counties if block(r['code']) != ('county' if r['kind'] == 'autonomous_county' else r['kind'])]
check(not bad, 'liaoning: kind matches code block (01-20 区, 21-80 县, 81-99 县级市)', bad)
bad = [r['code'] for r in ln + prov if not re.fullmatch(r"[A-Z][A-Za-zü' ]+", r['name_en'])
       or re.search(r'[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]', r['name_en'])]
check(not bad, 'name_en: Latin letters without tone marks', bad)
lmap = {r['code']: r['name_zh_cn'] for r in ln}
for code, name in (('210802', '站前区'), ('210202', '中山区'), ('210102', '和平区'), ('210800', '营口市'),
                   ('210281', '瓦房店市'), ('210624', '宽甸满族自治县')):
    check(lmap.get(code) == name, f'liaoning: {code} = {name}', lmap.get(code))
emap = {r['code']: r['name_en'] for r in ln}
for code, en in (('210802', 'Zhanqian District'), ('210281', 'Wafangdian City'),
                 ('210624', 'Kuandian Manchu Autonomous County')):
    check(emap.get(code) == en, f'liaoning: {code} name_en = {en}', emap.get(code))

# ------------------------------------------------------------------ GB/T 4754-2017
LEVEL_RE = {'section': r'[A-T]', 'division': r'[A-T]\d\d', 'group': r'[A-T]\d{3}', 'class': r'[A-T]\d{4}'}
ind = load('gb4754-2017.tsv', GB4754_COLS)
nonempty('gb4754-2017.tsv', ind, ['level', 'name_zh_cn', 'name_zh_tw'])
bad = [r['code'] for r in ind if r['level'] not in ('section', 'division', 'group')
       or not re.fullmatch(LEVEL_RE[r['level']], r['code'])]
check(not bad, 'gb4754: codes well-formed for their level (A / A01 / A011)', bad)
by_code = {r['code']: r for r in ind}
sections = {r['code'] for r in ind if r['level'] == 'section'}
divisions = {r['code'] for r in ind if r['level'] == 'division'}
groups = {r['code'] for r in ind if r['level'] == 'group'}
check(sections == set(SECTION_RANGES), 'gb4754: sections are exactly A-T', sorted(sections))
bad = [d for d in divisions
       if not (SECTION_RANGES[d[0]][0] <= int(d[1:]) <= SECTION_RANGES[d[0]][1])]
check(not bad, "gb4754: each 大类's 门类 letter matches the GB/T 4754 range", bad)
expected_divs = {f'{s}{n:02d}' for s, (a, b) in SECTION_RANGES.items() for n in range(a, b + 1)}
check(divisions == expected_divs, 'gb4754: 97 大类 01-97, none missing',
      sorted(expected_divs ^ divisions))
bad = [g for g in groups if g[:3] not in divisions]
check(not bad, "gb4754: every 中类's 大类 exists (same letter)", bad)
bad = [d for d in divisions if not any(g.startswith(d) for g in groups)]
check(not bad, 'gb4754: every 大类 has at least one 中类', bad)
check(all(r['name_en'] == '' for r in ind), 'gb4754: name_en left empty (no official English source)')
for code, name in (('C', '制造业'), ('C34', '通用设备制造业'), ('C341', '锅炉及原动设备制造'),
                   ('I65', '软件和信息技术服务业'), ('F52', '零售业'), ('F', '批发和零售业')):
    check(by_code.get(code, {}).get('name_zh_cn') == name, f'gb4754: {code} = {name}',
          by_code.get(code, {}).get('name_zh_cn'))

cls_path = os.path.join(HERE, 'gb4754-2017-classes.tsv')
classes = []
if os.path.exists(cls_path):
    classes = load('gb4754-2017-classes.tsv', GB4754_COLS)
    nonempty('gb4754-2017-classes.tsv', classes, ['level', 'name_zh_cn', 'name_zh_tw'])
    bad = [r['code'] for r in classes if r['level'] != 'class' or not re.fullmatch(LEVEL_RE['class'], r['code'])]
    check(not bad, 'gb4754 classes: codes well-formed (C3411)', bad)
    bad = [r['code'] for r in classes if r['code'][:4] not in groups]
    check(not bad, "gb4754 classes: every 小类's 中类 exists", bad)
    cset = {r['code'] for r in classes}
    bad = [g for g in groups if not any(c.startswith(g) for c in cset)]
    check(not bad, 'gb4754 classes: every 中类 has at least one 小类', bad)
    # a 中类 with a single 小类 ending in 0 carries the same name (the standard prints them on one line)
    cmap = {r['code']: r['name_zh_cn'] for r in classes}
    bad = [g for g in groups if [c for c in cset if c.startswith(g)] == [g + '0'] and cmap[g + '0'] != by_code[g]['name_zh_cn']]
    check(not bad, 'gb4754 classes: undivided 中类 and its x0 小类 share the name', bad)
    for code, name in (('C3411', '锅炉及辅助设备制造'), ('I6513', '应用软件开发'), ('A0111', '稻谷种植')):
        check(cmap.get(code) == name, f'gb4754 classes: {code} = {name}', cmap.get(code))

# ------------------------------------------------------------------ counts
kinds = Counter(r['kind'] for r in counties)
print('gb2260-provinces.tsv :', len(prov), 'provincial-level divisions', dict(Counter(r['kind'] for r in prov)))
print('gb2260-liaoning.tsv  :', len(cities), 'prefecture-level cities,', len(counties), 'county-level divisions',
      dict(kinds))
for c in sorted(cities):
    n = sum(1 for r in counties if r['city_code'] == c)
    print(f'    {c}00 {cities[c]["name_zh_cn"]}: {n}')
lv = Counter(r['level'] for r in ind)
print('gb4754-2017.tsv      :', f"{lv['section']} 门类, {lv['division']} 大类, {lv['group']} 中类")
if classes:
    print('gb4754-2017-classes.tsv:', len(classes), '小类')
print(f'checks: {passed} passed, {failed} failed')
sys.exit(1 if failed else 0)
