//! The register read and matched as a whole: one generated register as
//! UTF-8 CSV, GB18030 CSV and xlsx gives the same bytes; headers by label;
//! Excel's numbers, dates and booleans; notices; the diff against a
//! baseline catalog; files that are no register.

use calculator_core::{Catalog, InputKind, Lang};
use calculator_register::generate::{enterprise, name, Rng, COLUMNS};
use calculator_register::{read_workbook, FileError, MatchOptions, Register, Summary, TableEvent, TextKind, TextReader, XlsxBook, NOTICE_CHARS};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::io::Cursor;

fn catalog() -> &'static Catalog {
    calculator_core::default_catalog().expect("the default catalog loads")
}

fn options() -> MatchOptions {
    MatchOptions::new("2025-12-31".parse().unwrap())
}

/// Everything a run writes.
#[derive(Debug, Default, PartialEq)]
struct Out {
    jsonl: String,
    csv: String,
    notices: String,
    summary: String,
    bad: Vec<String>,
    notes: Vec<String>,
}

/// What a run does with each chunk, whatever the source.
struct Run<'c> {
    options: MatchOptions,
    baseline: Option<&'c Catalog>,
    register: Option<Register<'c>>,
    summary: Summary,
    out: Out,
}

impl<'c> Run<'c> {
    fn new(options: MatchOptions, baseline: Option<&'c Catalog>) -> Run<'c> {
        Run { options, baseline, register: None, summary: Summary::default(), out: Out::default() }
    }

    fn header(&mut self, header: Option<&[String]>) -> Result<(), FileError> {
        let r = match header {
            Some(h) => Register::new(catalog(), h, self.options.clone())?,
            None => Register::json_lines(catalog(), self.options.clone()),
        };
        let r = match self.baseline {
            Some(b) => r.with_baseline(b),
            None => r,
        };
        if let Some(m) = r.header() {
            self.out.notes = m.notes(self.options.lang);
        }
        r.write_csv_header(&mut self.out.csv);
        self.register = Some(r);
        Ok(())
    }

    fn rows(&mut self, rows: &calculator_register::Rows) {
        let r = self.register.as_ref().expect("the header came first");
        let d = r.decide(rows);
        r.write_jsonl(&d, &mut self.out.jsonl);
        r.write_csv(&d, &mut self.out.csv);
        r.write_notices(&d, &mut self.out.notices);
        self.out.bad.extend(d.bad.iter().map(|b| b.message(Lang::En)));
        self.summary.merge(d.summary);
    }

    fn end(mut self) -> Out {
        self.out.summary = self.summary.to_json(catalog(), self.options.as_of, self.options.lang).to_string();
        self.out
    }
}

/// A text register fed in slices of `slice` bytes.
fn run_text(bytes: &[u8], kind: TextKind, options: MatchOptions, baseline: Option<&Catalog>, slice: usize) -> Result<Out, FileError> {
    let mut run = Run::new(options, baseline);
    let mut reader = TextReader::new(kind, 100);
    if kind == TextKind::JsonLines {
        run.header(None)?;
    }
    let mut parts = bytes.chunks(slice);
    loop {
        let part = parts.next();
        match part {
            Some(p) => reader.feed(p)?,
            None => reader.finish()?,
        }
        if run.register.is_none() {
            if let Some(h) = reader.header() {
                let h = h.to_vec();
                run.header(Some(&h))?;
            }
        }
        if run.register.is_some() {
            while let Some(rows) = reader.next_chunk() {
                run.rows(&rows);
            }
        }
        if part.is_none() {
            return Ok(run.end());
        }
    }
}

fn run_book(bytes: Vec<u8>, sheet: Option<&str>, options: MatchOptions) -> Result<Out, FileError> {
    let mut run = Run::new(options, None);
    read_workbook(Cursor::new(bytes), sheet, 100, &mut |event| {
        match event {
            TableEvent::Header(h) => run.header(Some(&h))?,
            TableEvent::Rows(rows) => run.rows(&rows),
        }
        Ok(true)
    })?;
    Ok(run.end())
}

/// A generated register: the header (credit_code, name, the other inputs) and its rows.
fn generated(rows: u64, seed: u64) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let mut header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    header.insert(1, "name".into());
    let mut rng = Rng::new(seed);
    let rows = (0..rows)
        .map(|_| {
            let mut row = enterprise(&mut rng);
            let n = name(&row);
            row.insert(1, Some(n));
            row
        })
        .collect();
    (header, rows)
}

fn to_csv(header: &[String], rows: &[Vec<Option<String>>]) -> String {
    let mut text = header.join(",") + "\n";
    for row in rows {
        let cells: Vec<&str> = row.iter().map(|c| c.as_deref().unwrap_or("")).collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    text
}

/// The register as an xlsx sheet, each cell of its input's type: numbers
/// for amounts, counts and ratios (and the region code), booleans, dates;
/// text for the rest. A blank is no cell at all.
fn to_xlsx(header: &[String], rows: &[Vec<Option<String>>], shown: &[String]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("企业名录").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in shown.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (key, cell)) in header.iter().zip(row).enumerate() {
            let Some(v) = cell else { continue };
            let c = c as u16;
            match catalog().input(key).map(|i| i.kind) {
                Some(InputKind::Money | InputKind::Number | InputKind::Integer | InputKind::Ratio | InputKind::RegionCode) => {
                    ws.write_number(r, c, v.parse::<f64>().unwrap()).unwrap();
                }
                Some(InputKind::Boolean) => {
                    ws.write_boolean(r, c, v == "true").unwrap();
                }
                Some(InputKind::Date) => {
                    ws.write_datetime_with_format(r, c, ExcelDateTime::parse_from_str(v).unwrap(), &date).unwrap();
                }
                _ => {
                    ws.write_string(r, c, v).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn one_register_as_utf8_csv_gb18030_csv_and_xlsx_gives_the_same_bytes() {
    let (header, rows) = generated(1500, 7);
    let csv = to_csv(&header, &rows);
    // The generator writes exactly this.
    let mut written = Vec::new();
    calculator_register::generate::write(&mut written, 1500, 7, false).unwrap();
    assert!(written == csv.as_bytes(), "the generator's CSV");
    let gb = encoding_rs::GB18030.encode(&csv).0.into_owned();
    assert_ne!(gb, csv.as_bytes(), "the names are not ASCII");
    let xlsx = to_xlsx(&header, &rows, &header);

    let utf8 = run_text(csv.as_bytes(), TextKind::Csv, options(), None, 64 * 1024).unwrap();
    let gb18030 = run_text(&gb, TextKind::Csv, options(), None, 64 * 1024).unwrap();
    let book = run_book(xlsx, None, options()).unwrap();
    assert!(utf8.jsonl.lines().count() > 1500, "{}", utf8.jsonl.lines().count());
    assert!(utf8.jsonl.contains("\"status\":\"eligible\"") && utf8.jsonl.contains("\"status\":\"open\""));
    assert!(utf8.bad.is_empty(), "{:?}", utf8.bad);
    for (name, other) in [("GB18030", &gb18030), ("xlsx", &book)] {
        assert!(other.jsonl == utf8.jsonl, "{name}: the matches differ");
        assert!(other.csv == utf8.csv, "{name}: the CSV differs");
        assert!(other.notices == utf8.notices, "{name}: the notices differ");
        assert_eq!(other.summary, utf8.summary, "{name}: the summary differs");
    }
    // In slices of any size, with a BOM, the same again.
    let bom = [b"\xEF\xBB\xBF".as_slice(), csv.as_bytes()].concat();
    assert!(run_text(&bom, TextKind::Csv, options(), None, 4093).unwrap().jsonl == utf8.jsonl);
    assert!(run_text(&gb, TextKind::Csv, options(), None, 333).unwrap().jsonl == utf8.jsonl);
}

#[test]
fn a_sheet_headed_by_the_catalogs_labels_long_or_short_is_read_as_by_keys() {
    let (header, rows) = generated(400, 11);
    let by_keys = run_book(to_xlsx(&header, &rows, &header), None, options()).unwrap();
    let label = |k: &String| catalog().input(k).map_or_else(|| "企业名称".to_string(), |i| i.label.zh_cn.clone());
    let long: Vec<String> = header.iter().map(label).collect();
    // 从业人数（全年季度平均值） → 从业人数: the bracket at the end left out.
    let short: Vec<String> = long.iter().map(|l| if l.ends_with('）') { l[..l.rfind('（').unwrap()].to_string() } else { l.clone() }).collect();
    assert!(short.contains(&"从业人数".to_string()) && short.contains(&"营业收入".to_string()));
    for shown in [&long, &short] {
        let by_labels = run_book(to_xlsx(&header, &rows, shown), Some("企业名录"), options()).unwrap();
        if by_labels.jsonl != by_keys.jsonl {
            let r = Register::new(catalog(), shown, options()).unwrap();
            let m = r.header().unwrap();
            let wrong: Vec<String> = header
                .iter()
                .zip(m.keys())
                .zip(shown.iter())
                .filter(|((h, k), _)| h.as_str() != *k && h.as_str() != "name")
                .map(|((h, k), s)| format!("{s} → {k:?} (not {h})"))
                .collect();
            panic!("matches by labels differ: {wrong:?} {:?}", m.notes(Lang::ZhCn));
        }
        assert!(by_labels.notes.is_empty(), "{:?}", by_labels.notes);
    }
    // The CSV names its columns in Chinese, the key by its label.
    assert!(
        by_keys.csv.starts_with("\u{FEFF}统一社会信用代码,企业名称,政策编号,政策名称,状态,金额（元）,计入合计,缺少的信息,待补充政策数,缺少信息数\r\n"),
        "{}",
        &by_keys.csv[..200]
    );
}

#[test]
fn excel_cells_read_as_excel_shows_them() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    let money = Format::new().set_num_format("#,##0.00");
    for (c, h) in
        ["统一社会信用代码", "annual_revenue", "total_assets", "layoff_rate", "employees", "established_on", "restricted_industry", "备注"].iter().enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "91210800MA0QEXAMP3").unwrap();
    // 1234.56 × 3 is 3703.6800000000003 in binary floating point; Excel shows 3703.68.
    ws.write_number_with_format(1, 1, 1234.56 * 3.0, &money).unwrap();
    ws.write_number(1, 2, 0.1 + 0.2).unwrap();
    ws.write_number(1, 3, 0.03).unwrap();
    ws.write_number(1, 4, 48.0).unwrap();
    ws.write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2019, 3, 1).unwrap(), &date).unwrap();
    ws.write_boolean(1, 6, false).unwrap();
    ws.write_string(1, 7, " 见附件 ").unwrap();
    // A row with nothing in it is no enterprise.
    ws.write_string(3, 0, "").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (mut header, mut rows) = (Vec::new(), Vec::new());
    read_workbook(Cursor::new(bytes), None, 10, &mut |e| {
        match e {
            TableEvent::Header(h) => header = h,
            TableEvent::Rows(r) => rows.extend((0..r.len()).map(|i| (r.line(i), r.cells(i).unwrap()))),
        }
        Ok(true)
    })
    .unwrap();
    assert_eq!(header[..2], ["统一社会信用代码", "annual_revenue"]);
    // A row with nothing in it is no enterprise.
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, 2, "the sheet's row number");
    assert_eq!(rows[0].1, ["91210800MA0QEXAMP3", "3703.68", "0.3", "0.03", "48", "2019-03-01", "false", " 见附件 "]);
}

#[test]
fn a_title_above_the_header_is_skipped() {
    let (header, rows) = generated(50, 13);
    let plain = run_book(to_xlsx(&header, &rows, &header), None, options()).unwrap();
    // The same sheet with a title and a date line above the header, as offices make them.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2025年度企业名录（示例）").unwrap();
    ws.write_string(1, 3, "导出日期：2025-12-31").unwrap();
    for (c, h) in header.iter().enumerate() {
        ws.write_string(3, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Some(v) = cell {
                ws.write_string(r as u32 + 4, c as u16, v).unwrap();
            }
        }
    }
    let titled = run_book(book.save_to_buffer().unwrap(), None, options()).unwrap();
    assert!(titled.jsonl == plain.jsonl);
}

/// A register of one enterprise, as CSV with these columns and cells.
fn one(columns: &[(&str, &str)]) -> String {
    let (h, c): (Vec<&str>, Vec<&str>) = columns.iter().copied().unzip();
    format!("{}\n{}\n", h.join(","), c.join(","))
}

/// The 营口 machinery maker of the end-to-end test.
const MAKER: &[(&str, &str)] = &[
    ("credit_code", "91210800MA0QEXAMP3"),
    ("企业名称", "营口某某机械有限公司"),
    ("entity_type", "enterprise"),
    ("industry_code", "C34"),
    ("region_code", "210802"),
    ("employees", "48"),
    ("annual_revenue", "28000000"),
    ("total_assets", "19000000"),
    ("restricted_industry", "false"),
    ("taxable_income", "1800000"),
    ("insured_staff", "48"),
    ("eligible_new_hires", "2"),
    ("ui_paid_months", "12"),
];

#[test]
fn a_notice_names_the_enterprise_its_policies_amounts_and_how_to_claim_them() {
    let out = run_text(one(MAKER).as_bytes(), TextKind::Csv, options(), None, 1 << 16).unwrap();
    let lines: Vec<serde_json::Value> = out.notices.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    let n = &lines[0];
    assert_eq!(n["key"], "91210800MA0QEXAMP3");
    let text = n["text"].as_str().unwrap();
    assert!(text.starts_with("营口某某机械有限公司：经测算，贵单位可能符合以下"), "{text}");
    // 2023年第12号: 1,800,000 × (25% − 5%) = 360,000, the largest, listed first.
    assert!(text.contains("\n1. 小型微利企业所得税优惠：360000.00元；申报即享"), "{text}");
    assert!(text.contains("电子税务局 企业所得税预缴及年度汇算清缴申报时自动计算；期限：预缴申报期及次年5月31日前汇算清缴。"), "{text}");
    assert!(text.contains("扩岗补助") && text.contains("3000.00元") && text.contains("以当地通知为准"), "{text}");
    assert!(text.ends_with("以上为依据登记信息的测算结果，仅供参考，以主管部门审核确认为准。"), "{text}");
    assert!(text.chars().count() <= NOTICE_CHARS);
    assert_eq!(n["policies"][0], serde_json::json!({ "amount": "360000.00", "policy_id": "cn.cit.small-low-profit" }));
    // Every policy named is in the catalog, with the catalog's own name.
    for p in n["policies"].as_array().unwrap() {
        let policy = catalog().policies().iter().find(|x| x.id == p["policy_id"]).unwrap();
        assert!(text.contains(&policy.name.zh_cn), "{} in {text}", policy.name.zh_cn);
    }
    // In English, the same facts; without a name, the key.
    let en = MatchOptions { lang: Lang::En, ..options() };
    let without_name: Vec<(&str, &str)> = MAKER.iter().copied().filter(|(k, _)| *k != "企业名称").collect();
    let out = run_text(one(&without_name).as_bytes(), TextKind::Csv, en, None, 1 << 16).unwrap();
    let n: serde_json::Value = serde_json::from_str(out.notices.lines().next().unwrap()).unwrap();
    let text = n["text"].as_str().unwrap();
    assert!(text.starts_with("91210800MA0QEXAMP3: by our estimate you may qualify for"), "{text}");
    assert!(text.contains("360000.00 yuan"), "{text}");
}

#[test]
fn a_notice_with_many_policies_lists_the_largest_and_counts_the_rest_within_500_characters() {
    let (header, rows) = generated(3000, 5);
    let out = run_text(to_csv(&header, &rows).as_bytes(), TextKind::Csv, options(), None, 1 << 16).unwrap();
    let mut longest = 0;
    let mut cut = 0;
    let mut pending = 0;
    for line in out.notices.lines() {
        let n: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = n["text"].as_str().unwrap();
        longest = longest.max(text.chars().count());
        let policies = n["policies"].as_array().unwrap();
        if text.contains("……等") {
            cut += 1;
            assert!(text.contains(&format!("……等{}项。", policies.len())), "{text}");
        }
        if text.contains("金额待核定") {
            pending += 1;
        }
        // Largest first.
        let amounts: Vec<f64> = policies.iter().filter_map(|p| p["amount"].as_str()).map(|a| a.parse().unwrap()).collect();
        assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "{amounts:?}");
    }
    assert!(longest <= NOTICE_CHARS, "{longest}");
    assert!(cut > 0 && pending > 0, "some notices are cut ({cut}), some amounts wait ({pending})");
    // One notice per enterprise with an eligible policy.
    let summary: serde_json::Value = serde_json::from_str(&out.summary).unwrap();
    assert_eq!(out.notices.lines().count() as u64, summary["with_eligible"].as_u64().unwrap());
}

/// The default catalog from its TOML sources, each file changed by `edit`
/// (or left out when it returns `None`).
fn changed_catalog(edit: impl Fn(&str, String) -> Option<String>) -> Catalog {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../calculator-core");
    let mut files = vec![root.join("catalog.toml")];
    for dir in ["shared", "policies"] {
        let mut names: Vec<_> =
            std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
        names.sort();
        files.extend(names);
    }
    let sources: Vec<(String, String)> = files
        .iter()
        .filter_map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            edit(&name, std::fs::read_to_string(f).unwrap()).map(|t| (name, t))
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = sources.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    Catalog::from_sources(&borrowed).unwrap()
}

#[test]
fn against_the_same_catalog_nothing_changed_and_against_an_older_one_what_did_is_written() {
    let (header, rows) = generated(2000, 3);
    let csv = to_csv(&header, &rows);
    let same = changed_catalog(|_, t| Some(t));
    assert_eq!(same.info().hash, catalog().info().hash);
    for needs_input in [false, true] {
        let o = MatchOptions { needs_input, ..options() };
        let out = run_text(csv.as_bytes(), TextKind::Csv, o, Some(&same), 1 << 16).unwrap();
        assert!(out.jsonl.is_empty(), "the same catalog: no change\n{}", &out.jsonl[..out.jsonl.len().min(500)]);
        let summary: serde_json::Value = serde_json::from_str(&out.summary).unwrap();
        assert_eq!(summary["changes"], serde_json::json!({ "new": 0, "changed": 0, "gone": 0 }));
    }

    // An older catalog: small low-profit enterprises taxed at 50% × 20% of
    // their income, and no 一次性扩岗补助 yet.
    let older = changed_catalog(|name, t| match name {
        "cn.si.job-expansion-subsidy.toml" => None,
        "cn.cit.small-low-profit.toml" => Some(t.replace(
            "from = 2023-01-01\nuntil = 2027-12-31\nbrackets = [ { rate = \"25% * 20%\" } ]",
            "from = 2023-01-01\nuntil = 2027-12-31\nbrackets = [ { rate = \"50% * 20%\" } ]",
        )),
        _ => Some(t),
    });
    assert_ne!(older.info().hash, catalog().info().hash);
    let out = run_text(csv.as_bytes(), TextKind::Csv, options(), Some(&older), 1 << 16).unwrap();
    let lines: Vec<serde_json::Value> = out.jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!lines.is_empty());
    let full = run_text(csv.as_bytes(), TextKind::Csv, options(), None, 1 << 16).unwrap();
    let matched = |id: &str| full.jsonl.lines().filter(|l| l.contains(&format!("\"policy_id\":\"{id}\""))).count();
    let of = |change: &str, id: &str| lines.iter().filter(|l| l["change"] == change && l["policy_id"] == id).count();
    // Every 扩岗补助 is new (the older catalog has no such policy) …
    assert_eq!(of("new", "cn.si.job-expansion-subsidy"), matched("cn.si.job-expansion-subsidy"));
    assert!(lines.iter().filter(|l| l["policy_id"] == "cn.si.job-expansion-subsidy").all(|l| l["old"].is_null() && l["new"]["status"] == "eligible"));
    // … and every small low-profit amount changed: the tax saved is 20% of the income now, 15% before.
    let slp: Vec<&serde_json::Value> = lines.iter().filter(|l| l["policy_id"] == "cn.cit.small-low-profit").collect();
    assert!(!slp.is_empty() && slp.iter().all(|l| l["change"] == "changed" && l["old"]["status"] == "eligible"), "{slp:?}");
    let l = slp.iter().find(|l| l["old"]["amount"].is_string() && l["old"]["amount"] != "0.00").unwrap();
    let (old, new): (f64, f64) = (l["old"]["amount"].as_str().unwrap().parse().unwrap(), l["new"]["amount"].as_str().unwrap().parse().unwrap());
    assert!((new / old - 20.0 / 15.0).abs() < 1e-3, "{l}");
    // Nothing else changed.
    assert!(lines.iter().all(|l| l["policy_id"] == "cn.cit.small-low-profit" || l["policy_id"] == "cn.si.job-expansion-subsidy"));
    let summary: serde_json::Value = serde_json::from_str(&out.summary).unwrap();
    assert_eq!(summary["changes"]["new"].as_u64().unwrap() as usize, of("new", "cn.si.job-expansion-subsidy"));
    assert_eq!(summary["changes"]["changed"].as_u64().unwrap() as usize, slp.len());

    // The other way round, the 扩岗补助 are gone, and the CSV says so in words.
    let back = Register::new(&older, &header, options()).unwrap().with_baseline(catalog());
    let mut reader = TextReader::new(TextKind::Csv, 10_000);
    reader.feed(csv.as_bytes()).unwrap();
    reader.finish().unwrap();
    let d = back.decide(&reader.next_chunk().unwrap());
    let mut text = String::new();
    back.write_jsonl(&d, &mut text);
    let gone =
        text.lines().filter(|l| l.starts_with("{\"change\":\"gone\"") && l.contains("cn.si.job-expansion-subsidy") && l.contains("\"new\":null")).count();
    assert_eq!(gone, matched("cn.si.job-expansion-subsidy"));
    let mut csv_out = String::new();
    back.write_csv_header(&mut csv_out);
    back.write_csv(&d, &mut csv_out);
    assert!(csv_out.starts_with("\u{FEFF}变化,统一社会信用代码,企业名称,政策编号,政策名称,原状态,原金额（元）,新状态,新金额（元）\r\n"));
    assert!(matched("cn.si.job-expansion-subsidy") > 100);
    assert!(csv_out.contains("\n不再适用,"), "{}", &csv_out[..300]);
}

#[test]
fn split_into_parts_the_summaries_add_up_to_the_whole() {
    let (header, rows) = generated(900, 9);
    let whole = run_text(to_csv(&header, &rows).as_bytes(), TextKind::Csv, options(), None, 1 << 16).unwrap();
    let mut sum = Summary::default();
    let mut jsonl = String::new();
    // The parts in reverse order: a sum does not care.
    for part in rows.chunks(250).rev() {
        let out = run_text(to_csv(&header, part).as_bytes(), TextKind::Csv, options(), None, 1 << 16).unwrap();
        jsonl.insert_str(0, &out.jsonl);
        let r = Register::new(catalog(), &header, options()).unwrap();
        let mut reader = TextReader::new(TextKind::Csv, 1000);
        reader.feed(to_csv(&header, part).as_bytes()).unwrap();
        reader.finish().unwrap();
        sum.merge(r.decide(&reader.next_chunk().unwrap()).summary);
    }
    assert!(jsonl == whole.jsonl);
    assert_eq!(sum.to_json(catalog(), options().as_of, Lang::ZhCn).to_string(), whole.summary);
}

#[test]
fn the_xlsx_has_the_matches_a_summary_per_policy_and_one_per_district() {
    let (header, rows) = generated(300, 2);
    let csv = to_csv(&header, &rows);
    let r = Register::new(catalog(), &header, options()).unwrap();
    let mut reader = TextReader::new(TextKind::Csv, 100);
    reader.feed(csv.as_bytes()).unwrap();
    reader.finish().unwrap();
    let mut book = XlsxBook::new(&r, false).unwrap();
    let mut sum = Summary::default();
    let mut lines = String::new();
    while let Some(rows) = reader.next_chunk() {
        let d = r.decide(&rows);
        book.push(&d);
        r.write_csv(&d, &mut lines);
        sum.merge(d.summary);
    }
    let bytes = book.finish(&sum).unwrap();
    use calamine::{Data, Reader, Xlsx};
    let mut x: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(x.sheet_names(), ["匹配结果", "按政策汇总", "按地区汇总"]);
    let matches = x.worksheet_range("匹配结果").unwrap();
    assert_eq!(matches.height() - 1, lines.lines().count(), "a row per CSV line");
    assert_eq!(matches.get((0, 5)), Some(&Data::String("金额（元）".into())));
    // Money is a number.
    assert!(matches.rows().skip(1).any(|r| matches!(r[5], Data::Float(_))));
    let by_policy = x.worksheet_range("按政策汇总").unwrap();
    assert_eq!(by_policy.height(), catalog().policies().len() + 2, "a header, a row per policy, a total");
    let districts = x.worksheet_range("按地区汇总").unwrap();
    let shenyang = districts.rows().find(|r| r[0] == Data::String("210102".into())).expect("和平区 is there");
    assert_eq!(shenyang[1], Data::String("沈阳市和平区".into()));
    let total = districts.rows().next_back().unwrap();
    assert_eq!(total[0], Data::String("合计".into()));
    assert_eq!(total[2], Data::Float(300.0));
}

#[test]
fn files_that_are_no_register_are_said_so_in_one_sentence() {
    // Not a table.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
    let e = run_text(png, TextKind::Csv, options(), None, 1024).unwrap_err();
    assert!(matches!(e, FileError::NotATable(_)));
    assert!(e.message(Lang::ZhCn).starts_with("不是可读取的表格"), "{}", e.message(Lang::ZhCn));
    let e = run_book(b"PK\x03\x04 not really a zip".to_vec(), None, options()).unwrap_err();
    assert!(matches!(e, FileError::NotATable(_)), "{e:?}");
    // Empty: no bytes, or a sheet without a cell.
    assert_eq!(run_text(b"", TextKind::Csv, options(), None, 10).unwrap_err(), FileError::Empty { sheet: None });
    let mut book = Workbook::new();
    book.add_worksheet().set_name("空表").unwrap();
    let e = run_book(book.save_to_buffer().unwrap(), None, options()).unwrap_err();
    assert_eq!(e, FileError::Empty { sheet: Some("空表".into()) });
    assert_eq!(e.message(Lang::ZhCn), "工作表“空表”是空的：没有表头行");
    // A header with none of the catalog's inputs.
    let e = run_text("序号,名称,备注\n1,某厂,无\n".as_bytes(), TextKind::Csv, options(), None, 10).unwrap_err();
    assert!(matches!(e, FileError::NoKnownColumns { .. }));
    assert!(e.message(Lang::ZhCn).contains("表头中没有本目录的任何输入项（读到：序号、名称、备注）"), "{}", e.message(Lang::ZhCn));
    assert!(e.message(Lang::En).starts_with("the header names none of the catalog's inputs"));
    // A sheet that is not there.
    let mut book = Workbook::new();
    book.add_worksheet().set_name("名录").unwrap().write_string(0, 0, "credit_code").unwrap();
    let e = run_book(book.save_to_buffer().unwrap(), Some("Sheet1"), options()).unwrap_err();
    assert_eq!(e, FileError::NoSuchSheet { name: "Sheet1".into(), sheets: vec!["名录".into()] });
    // UTF-16.
    let e = run_text(b"\xFF\xFEc\0r\0e\0", TextKind::Csv, options(), None, 10).unwrap_err();
    assert_eq!(e, FileError::Utf16);
}

#[test]
fn json_lines_and_csv_of_one_register_give_the_same_matches_and_bad_lines_are_named() {
    let mut jsonl = Vec::new();
    calculator_register::generate::write(&mut jsonl, 300, 4, true).unwrap();
    let mut csv = Vec::new();
    calculator_register::generate::write(&mut csv, 300, 4, false).unwrap();
    let a = run_text(&jsonl, TextKind::JsonLines, options(), None, 4096).unwrap();
    let b = run_text(&csv, TextKind::Csv, options(), None, 4096).unwrap();
    assert!(a.jsonl == b.jsonl && a.notices == b.notices);
    assert_eq!(a.summary, b.summary);
    let mut broken = b"{\"employees\": 3}\nnot json\n".to_vec();
    broken.extend_from_slice(&jsonl[..jsonl.iter().position(|&b| b == b'\n').unwrap() + 1]);
    let out = run_text(&broken, TextKind::JsonLines, options(), None, 5).unwrap();
    assert_eq!(out.bad.len(), 1);
    assert!(out.bad[0].starts_with("line 2: not a JSON object of profile values"), "{:?}", out.bad);
    assert!(out.jsonl.contains("\"key\":\"line:1\""), "no key: the line");
}

#[test]
fn a_notice_stays_within_500_characters_whatever_the_name() {
    let long = "某".repeat(700);
    let mut maker: Vec<(&str, &str)> = MAKER.to_vec();
    maker[1].1 = &long;
    let out = run_text(one(&maker).as_bytes(), TextKind::Csv, options(), None, 1 << 16).unwrap();
    let n: serde_json::Value = serde_json::from_str(out.notices.lines().next().unwrap()).unwrap();
    let text = n["text"].as_str().unwrap();
    assert!(text.chars().count() <= NOTICE_CHARS, "{}", text.chars().count());
    assert!(text.contains("1. 小型微利企业所得税优惠：360000.00元"), "{text}");
}

/// tests/data/yingkou.xls: an Excel 97–2003 sheet (written with xlwt) with
/// a title row, the header by the catalog's short labels, two made-up
/// enterprises with number, date and boolean cells.
#[test]
fn an_xls_sheet_is_read_as_excel_shows_it() {
    let bytes = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/yingkou.xls")).unwrap();
    let (mut header, mut rows) = (Vec::new(), Vec::new());
    read_workbook(Cursor::new(bytes.clone()), None, 10, &mut |e| {
        match e {
            TableEvent::Header(h) => header = h,
            TableEvent::Rows(r) => rows.extend((0..r.len()).map(|i| (r.line(i), r.cells(i).unwrap()))),
        }
        Ok(true)
    })
    .unwrap();
    assert_eq!(header[..2], ["统一社会信用代码", "企业名称"]);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].0, 4, "the sheet's row number");
    assert_eq!(rows[0].1[4..11], ["210802", "2015-06-01", "48", "28000000", "19000000", "false", "1800000"]);
    assert_eq!(rows[1].1[7], "3703.68", "1234.56 × 3 as Excel shows it");
    let out = run_book(bytes, Some("企业名录"), options()).unwrap();
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    // 2023年第12号: 1,800,000 × (25% − 5%) = 360,000.
    assert!(
        out.jsonl.starts_with("{\"amount\":\"360000.00\",\"counted_in_totals\":true,\"key\":\"91210800MA0QEXAMP3\",\"policy_id\":\"cn.cit.small-low-profit\""),
        "{}",
        out.jsonl
    );
    assert!(out.notices.contains("营口某某机械有限公司：经测算"));
}

#[test]
fn the_generated_register_has_a_column_for_every_input_of_the_catalog_and_only_those() {
    let inputs: std::collections::BTreeSet<&str> = catalog().inputs().iter().map(|i| i.key.as_str()).collect();
    let columns: std::collections::BTreeSet<&str> = COLUMNS.iter().copied().collect();
    assert_eq!(columns.len(), COLUMNS.len(), "a column is written twice");
    let missing: Vec<&&str> = inputs.difference(&columns).collect();
    let unknown: Vec<&&str> = columns.difference(&inputs).collect();
    assert!(missing.is_empty() && unknown.is_empty(), "inputs without a column: {missing:?}; columns no input reads: {unknown:?}");
    // Every row has a cell for each column, and its values are what the
    // catalog accepts (a blank is unknown).
    let mut rng = Rng::new(7);
    for _ in 0..500 {
        let row = enterprise(&mut rng);
        assert_eq!(row.len(), COLUMNS.len());
        let mut p = calculator_core::Profile::new();
        for (k, v) in COLUMNS.iter().zip(&row) {
            if let Some(v) = v {
                p.set(k, v.as_str());
            }
        }
        let checked = calculator_core::validate(catalog(), &p, Lang::ZhCn);
        assert!(checked.errors.is_empty(), "{:?}", checked.errors);
    }
}
