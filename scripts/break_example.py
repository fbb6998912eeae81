#!/usr/bin/env python3
"""Break a copy of the example content in 105 ways at once (102 problems and 3 valid edge
cases: 109-02-29, a UTF-8 BOM, CRLF line endings), to see that one build reports them all.
Optional, for maintainers; CI runs the smaller tests/fixtures/invalid set instead. The list of
problems with their expected file:line is scripts/break_example.tsv.

    cp -r content /tmp/bad/content
    cargo run -- build --content /tmp/bad/content --out /tmp/bad/site --now 2026-11-21
    python3 scripts/break_example.py /tmp/bad/content
    cargo run -- build --content /tmp/bad/content --out /tmp/bad/site --now 2026-11-21
    # exit 1, 108 errors; /tmp/bad/site unchanged
"""
import os, re, sys
C = sys.argv[1] if len(sys.argv) > 1 else '/tmp/bad/content'
def w(rel, text, mode='w', enc='utf-8', newline=None):
    p = os.path.join(C, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
    if isinstance(text, bytes):
        open(p, 'wb').write(text)
    else:
        with open(p, mode, encoding=enc, newline=newline) as f: f.write(text)
def sub(rel, old, new, count=1):
    p = os.path.join(C, rel); s = open(p, encoding='utf-8').read()
    assert old in s, (rel, old); s = s.replace(old, new, count); open(p, 'w', encoding='utf-8').write(s)
def app(rel, text):
    open(os.path.join(C, rel), 'a', encoding='utf-8').write(text)

# --- site.yaml: missing title, bad language
sub('site.yaml', 'title: 機關採購廉政平臺 資訊透明專區（範例）\n', '')
sub('site.yaml', 'languages: [zh-TW, en]', 'languages: [zh-TW, fr]')

# --- agencies.yaml
app('agencies.yaml', '''
# ── broken ──
- id: Bad_Agency
  name: 壞代碼機關
  level: central
- id: national-agency
  name: 國家級機關
  level: national
- name: 無代碼機關
  level: local
- id: no-name-agency
  level: local
- id: no-level-agency
  name: 無層級機關
- id: taipower
  name: 台電重複
  level: central
''')

PLAT = '''---
title: {title}
agency: {agency}
case_type: {ct}
amount: {amount}
established: {est}
status: {status}
{extra}---
## 案件背景

測試用平臺。
'''
def plat(slug, title='測試平臺', agency='taipower', ct='procurement', amount='約10億',
         est='2021-01-01', status='active', extra='', drop=()):
    t = PLAT.format(title=title, agency=agency, ct=ct, amount=amount, est=est, status=status, extra=extra)
    for d in drop:
        t = re.sub(r'^%s:.*\n' % d, '', t, flags=re.M)
    w('platforms/%s/index.md' % slug, t)

# dates
plat('zz-dates', est='110-02-30', amount='約abc億', extra='''plan_approved: 2021-02-29
milestones:
  - stage: established
    actual: 1100229
  - stage: planning
    planned: 110/13/01
  - stage: tender
    actual: 0990231
  - stage: tender
    actual: 109-02-29
  - stage: opening
    actual: 2019-04-31
  - stage: award
    planned: 110.02.30
  - stage: contract
    planned: 000-01-01
  - stage: solicitation
    planned: 2022-01-01
''')
plat('zz-amount-units', amount='12億億', agency='no-such-agency')
plat('zz-negative', amount='-5億', status='finished', ct='bot')
plat('zz-missing-title', drop=('title',))
plat('zz-missing-agency', drop=('agency',))
plat('zz-missing-case-type', drop=('case_type',))
plat('zz-missing-established', drop=('established',))
plat('zz-missing-status', drop=('status',))
plat('zz-missing-all', drop=('title', 'agency', 'case_type', 'established', 'status'))
plat('zz-closed-no-date', status='closed')
plat('Bad-Upper')
plat('bad_underscore')
plat('淡江大橋')
plat('a' * 65)
# duplicate key
sub('platforms/bitan-weir/index.md', 'agency: ntpc-wrd\n', 'agency: ntpc-wrd\ntitle: 重複的標題\n')

# --- meetings
M = 'platforms/danjiang-bridge/meetings/2021-05-11-liaison-4.md'
sub(M, 'date: 2021-05-11', 'date: 110-02-30')
sub(M, 'due: 2021-09-30', 'due: 2021-02-29')
sub(M, 'due: 2021-08-31', 'due: 1100229')
sub(M, 'action_updates:\n', 'action_updates:\n  - id: A-9999-99\n    status: done\n')
sub('platforms/danjiang-bridge/meetings/2021-10-26-training.md', 'action_updates:\n',
    'actions:\n  - id: A-2021-01\n    text: 重複編號的列管事項\nactions_updates_placeholder:\n'.replace('actions_updates_placeholder:\n', '') + 'action_updates:\n')
sub('platforms/chiayi-ash-landfill/meetings/2021-03-12-liaison-1.md', 'title: 第一次聯繫會議', 'title: "第一次聯繫會議')
sub('platforms/kaohsiung-205-arsenal/meetings/2021-09-15-inspection.md', 'title: 工程施工查核小組實地查核', 'titel: 工程施工查核小組實地查核')
sub('platforms/taichung-convention-center/meetings/2020-02-27-training.md', 'kind: training', 'kind: party')
OW = 'platforms/offshore-wind-2/meetings/'
w(OW + 'zz-no-title.md', '---\nkind: liaison\ndate: 2021-11-01\n---\n紀錄\n')
w(OW + 'zz-no-kind.md', '---\ntitle: 無類別會議\ndate: 2021-11-02\n---\n紀錄\n')
w(OW + 'zz-no-date.md', '---\ntitle: 無日期會議\nkind: liaison\n---\n紀錄\n')
w(OW + 'zz-actions.md', '''---
title: 列管事項錯誤
kind: liaison
date: 2021-11-03
actions:
  - text: 沒有編號的事項
  - id: B-01
    owner: 政風室
  - id: B-02
    text: 狀態錯誤
    status: closed
action_updates:
  - status: done
  - id: B-02
  - id: B-02
    status: finished
---
紀錄
''')
w('platforms/taoyuan-aerotropolis/meetings/第2次會議.md', '---\ntitle: 第2次會議\nkind: liaison\ndate: 2021-11-01\n---\n紀錄\n')
w('platforms/taoyuan-aerotropolis/meetings/Liaison_2.md', '---\ntitle: 第3次會議\nkind: liaison\ndate: 2021-11-05\n---\n紀錄\n')
w('platforms/taoyuan-t3/meetings/zz-empty.md', '')
w('platforms/amuping-tunnel/meetings/2021-05-01-bom.md', '\ufeff---\ntitle: BOM會議\nkind: liaison\ndate: 2021-05-01\n---\n有BOM的紀錄\n')
w('platforms/amuping-tunnel/meetings/2021-05-02-crlf-bad.md', '---\ntitle: CRLF會議\nkind: liaison\ndate: 110-02-31\n---\nCRLF\n', newline='\r\n')
w('platforms/tra-rolling-stock/meetings/2021-01-01-big5.md',
  '---\ntitle: 第一次聯繫會議\nkind: liaison\ndate: 2021-01-01\n---\n大五碼紀錄\n'.encode('big5'))
# tab indentation
sub('platforms/customs-patrol-boats/qa.yaml', '  a: 本採購案已於', '\ta: 本採購案已於')

# --- risks
R = 'platforms/danjiang-bridge/risks.yaml'
app(R, '''- id: R-90
  risk: 嚴重程度過高
  severity: 6
  likelihood: 2
- id: R-91
  risk: 嚴重程度為零
  severity: 0
  likelihood: 2
- id: R-92
  risk: 招商流程的標準風險
  template: selection-leak
  severity: 3
  likelihood: 3
- id: R-93
  risk: 不存在的標準風險
  template: no-such-template
  severity: 3
  likelihood: 3
- id: R-94
  risk: 複查日期錯誤
  severity: 3
  likelihood: 3
  reviewed: 110/13/01
- id: R-95
  risk: 複查日期錯誤二
  severity: 3
  likelihood: 3
  reviewed: 0990231
- risk: 沒有編號
  severity: 3
  likelihood: 3
- id: R-96
  severity: 3
  likelihood: 3
- id: R-97
  risk: 沒有嚴重程度
  likelihood: 3
- id: R-98
  risk: 沒有發生機率
  severity: 3
- id: R-01
  risk: 重複編號
  severity: 3
  likelihood: 3
- id: R-99
  risk: 狀態錯誤
  severity: 3
  likelihood: 3
  status: done
''')
sub('platforms/taipei-c1d1/risks.yaml', '  severity:', '  severty:')

# qa
app('platforms/danjiang-bridge/qa.yaml', '- q: 只有問題沒有答案\n- a: 只有答案沒有問題\n')
sub('platforms/chiayi-ash-landfill/qa.yaml', '- q:', '- confidential_until: never\n  q:')
# ethics log, evaluation
app('platforms/danjiang-bridge/ethics-log.yaml', '- lobbying: 1\n- period: 2021-H3\n  gifts: 1\n')
app('platforms/danjiang-bridge/evaluation.yaml', '- before: 1\n  after: 2\n')
# documents
app('platforms/danjiang-bridge/documents.yaml', '''- file: files/integrity-declaration.txt
- title: 沒有檔案也沒有連結
- title: 檔案不存在
  file: files/nope.pdf
- title: 跳出資料夾
  file: ../../etc/passwd
- title: 類別錯誤
  kind: memo
  url: "https://example.gov.tw/"
''')
# reports
w('platforms/danjiang-bridge/reports/2021-H3.md', '---\nperiod: 2021-H3\nsubmitted: 2022-01-15\n---\n報告\n')
w('platforms/wuxi-niaozuitan/reports/110-H1.md', '---\nsubmitted: 2021-07-15\n---\n報告\n')
# patterns
PAT = '---\ntitle: 測試態樣\ncategory: 測試\nagency: {agency}\ndate: 2021-01-01\n---\n說明\n'
w('patterns/Bad_Pattern.md', PAT.format(agency='taipower'))
w('patterns/zz-no-title.md', '---\ncategory: 測試\n---\n說明\n')
w('patterns/zz-unknown-agency.md', PAT.format(agency='nobody-agency'))
# kpis
KPI = '''organization: 測試政風處
year: {year}
goals:
  - id: G1
    title: 目標一
    weight: 10
    indicators:
      - title: 指標一
        target: 10
        actual: 5
'''
w('kpis/2019.yaml', KPI.format(year=2018))
w('kpis/20x1.yaml', KPI.format(year=2021))
w('kpis/2020.yaml', '''year: 2020
goals:
  - id: G1
    weight: 10
    indicators:
      - weight: 5
        target: 10
      - title: 方向錯誤
        direction: up
''')
w('kpis/2022.yaml', 'organization: 沒有目標\nyear: 2022\n')
w('kpis/2023.yaml', 'organization: 沒有年份\ngoals:\n  - title: 目標\n')
# pages
w('pages/關於.md', '---\ntitle: 關於\n---\n內容\n')
w('pages/About_Us.md', '---\ntitle: About\n---\n內容\n')
w('pages/zz-no-title.md', '---\ntitle_en: No title\n---\n內容\n')
w('pages/zz-empty.md', '')
sub('pages/open-data.md', 'title_en: Open data\n---\n', 'title_en: Open data\n')
w('pages/crlf.md', '---\ntitle: CRLF 頁面\n---\n第一行\n第二行\n', newline='\r\n')
sub('pages/complaints.md', 'title_en: Complaints and feedback\n', 'title_en: Complaints and feedback\npublish_after: 110-02-30\n')
# unknown field on platform
sub('platforms/nantou-gravel/index.md', 'status: active', 'status: active\nsatus: active')
print('ok')
