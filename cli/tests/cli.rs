//! The lint and the listing, run as a user would run them. What changes
//! with each catalog release (its id, version, hash, number of policies) is
//! read from the embedded default catalog, not written in.

use calculator_core::Catalog;
use std::path::Path;
use std::process::Command;

fn default_catalog() -> &'static Catalog {
    calculator_core::default_catalog().expect("the default catalog loads")
}

fn policy_calc(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("policy-calc runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_default_catalog_passes_the_lint() {
    let (code, out, err) = policy_calc(&["check", "calculator-core"]);
    assert_eq!(code, 0, "{out}{err}");
    // The TOML sources are the embedded catalog: the same id, version, counts and hash.
    let c = default_catalog();
    let (i, p, n) = (c.info(), c.policies().len(), c.inputs().len());
    assert_eq!(out, format!("通过：{} {} — {p} 项政策，{n} 项输入，{}\n", i.id, i.version, i.hash));
}

#[test]
fn a_broken_policy_is_reported_with_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("policy-calc-lint-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.toml");
    // Line 43, column 9 (just inside the quotes): a misspelt input in a condition.
    let text = std::fs::read_to_string("../calculator-core/policies/cn.union.small-amount-refund.toml")
        .unwrap()
        .replace("id = \"cn.union.small-amount-refund\"", "id = \"x.union.copy\"")
        .replace("when = \"union_small_amount\"", "when = \"union_smal_amount\"");
    std::fs::write(&broken, text).unwrap();
    let (code, out, err) = policy_calc(&["check", "calculator-core/catalog.toml", broken.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    let line = out.lines().find(|l| l.contains("union_smal_amount")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("broken.toml:43:9: [policy x.union.copy, condition small_amount]"), "{line}");
    assert!(line.contains("`union_small_amount`"), "the fix is suggested: {line}");
    let (_, en, _) = policy_calc(&["check", "--lang", "en", "calculator-core/catalog.toml", broken.to_str().unwrap()]);
    assert!(en.contains("did you mean `union_small_amount`"), "{en}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(policy_calc(&[]).0, 2);
    assert_eq!(policy_calc(&["check"]).0, 2);
    assert_eq!(policy_calc(&["check", "no/such/file.toml"]).0, 2);
}

/// CATALOG.md is generated from the data; regenerate it with
/// `cargo run -p calculator-cli -- list > CATALOG.md`.
#[test]
fn listing_is_in_sync() {
    let (code, out, err) = policy_calc(&["list"]);
    assert_eq!(code, 0, "{err}");
    let on_disk = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../CATALOG.md")).unwrap();
    assert!(on_disk == out, "CATALOG.md is out of date: run `cargo run -p calculator-cli -- list > CATALOG.md`");
}

#[test]
fn json_export_is_the_default_catalog_with_the_same_hash() {
    let (code, out, err) = policy_calc(&["json", concat!(env!("CARGO_MANIFEST_DIR"), "/../calculator-core")]);
    assert_eq!(code, 0, "{err}");
    let catalog = calculator_core::Catalog::from_json(&[("liaoning.json", &out)]).unwrap();
    assert_eq!(catalog.info().hash, default_catalog().info().hash);
    let ids = |c: &Catalog| c.policies().iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&catalog), ids(default_catalog()));
}

fn policy_calc_stdin(args: &[&str], input: &str) -> (i32, String, String) {
    policy_calc_bytes(args, input.as_bytes())
}

fn policy_calc_bytes(args: &[&str], input: &[u8]) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-calc"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("policy-calc runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn match_finds_each_enterprise_its_policies_and_skips_bad_rows_by_line() {
    // Row 2: the 营口 machinery maker of the end-to-end test (2023年第12号:
    // 1,800,000 × (25% − 5%) = 360,000; 扩岗补助 2 × 1,500 = 3,000).
    // Row 3 has a stray field (a CSV error); row 4 an individual business with
    // 80,000 of business income: (80,000 × 10% − 1,500) × 50% = 3,250 (WE-16
    // arithmetic, 个体工商户减半).
    let csv = "credit_code,entity_type,industry_code,employees,annual_revenue,total_assets,restricted_industry,taxable_income,insured_staff,eligible_new_hires,ui_paid_months,business_taxable_income,other_relief
91210800MA0QEXAMP3,enterprise,C34,48,28000000,19000000,false,1800000,48,2,12,,
BAD,enterprise,C34,48,1,2,3,4,5,6,7,8,9,10
92210802MA0QEXAMP0,individual_business,F52,3,,,,,,,,80000,0
";
    let (code, out, err) = policy_calc_stdin(&["match", "--as-of", "2025-12-31", "--threads", "2"], csv);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let find = |key: &str, id: &str| lines.iter().find(|l| l["key"] == key && l["policy_id"] == id).cloned();
    let slp = find("91210800MA0QEXAMP3", "cn.cit.small-low-profit").expect("SLP listed");
    assert_eq!((slp["status"].as_str(), slp["amount"].as_str()), (Some("eligible"), Some("360000.00")));
    assert_eq!(find("91210800MA0QEXAMP3", "cn.si.job-expansion-subsidy").unwrap()["amount"], "3000.00");
    let iit = find("92210802MA0QEXAMP0", "cn.iit.individual-business-halving").expect("IIT listed");
    assert_eq!(iit["amount"], "3250.00");
    assert!(err.contains("第 3 行：有 14 个单元格，表头有 13 个，已跳过"), "the bad row is named by its line: {err}");
    let summary: serde_json::Value = serde_json::from_str(&err[err.find('{').unwrap()..]).unwrap();
    assert_eq!((summary["rows"].as_u64(), summary["bad_rows"].as_u64()), (Some(2), Some(1)));
    let slp_sum = summary["policies"].as_array().unwrap().iter().find(|p| p["policy_id"] == "cn.cit.small-low-profit").unwrap();
    assert_eq!((slp_sum["eligible"].as_u64(), slp_sum["total_amount"].as_str()), (Some(1), Some("360000.00")));
}

#[test]
fn a_row_in_another_encoding_than_the_file_is_skipped_and_the_next_one_still_read() {
    // The first text that is not ASCII decides the encoding: here GBK (C1 C9
    // is "辽"), so the file is GB18030, and the next row, in UTF-8, is not
    // GB18030 text: it is named by its line and skipped (--lang en).
    let mut csv = b"credit_code,name,entity_type,taxable_income,employees,total_assets,restricted_industry\n91210800MA0QEXAMP3,\xc1\xc9,enterprise,1800000,48,19000000,false\n".to_vec();
    csv.extend_from_slice("91210800MA0QEXAMP3,辽,enterprise,900000,48,19000000,false\n".as_bytes());
    let (code, out, err) = policy_calc_bytes(&["match", "--as-of", "2025-12-31", "--lang", "en"], &csv);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("line 3: not GB18030 text; skipped"), "the unreadable row is named by its line: {err}");
    let summary: serde_json::Value = serde_json::from_str(&err[err.find('{').unwrap()..]).unwrap();
    assert_eq!((summary["rows"].as_u64(), summary["bad_rows"].as_u64()), (Some(1), Some(1)));
    // The GBK row is matched: 1,800,000 × (25% − 5%) = 360,000 (2023年第12号).
    assert!(out.lines().any(|l| l.contains("\"cn.cit.small-low-profit\"") && l.contains("\"360000.00\"")), "{out}");
}

#[test]
fn a_generated_register_is_deterministic_and_matched_the_same_in_csv_and_json_lines() {
    let (_, a, _) = policy_calc(&["generate", "--rows", "300", "--seed", "42"]);
    let (_, b, _) = policy_calc(&["generate", "--rows", "300", "--seed", "42"]);
    assert_eq!(a, b);
    assert_eq!(a.lines().count(), 301);
    let (_, jsonl, _) = policy_calc(&["generate", "--rows", "300", "--seed", "42", "--format", "jsonl"]);
    let (c1, m1, _) = policy_calc_stdin(&["match", "--as-of", "2025-12-31", "--threads", "1"], &a);
    let (c2, m2, _) = policy_calc_stdin(&["match", "--as-of", "2025-12-31", "--threads", "2", "--format", "jsonl"], &jsonl);
    assert_eq!((c1, c2), (0, 0));
    assert!(m1.lines().count() > 300);
    // One worker or two, CSV or JSON Lines: the same bytes.
    assert_eq!(m1, m2);
}

#[test]
fn compile_writes_the_embedded_default_catalog_and_reads_json_catalogs() {
    let dir = std::env::temp_dir().join(format!("policy-calc-compile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("default.bin");
    let (code, _, err) = policy_calc(&["compile", "calculator-core", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let embedded = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../calculator-core/default-catalog.bin")).unwrap();
    assert!(std::fs::read(&out).unwrap() == embedded, "the TOML sources compile to the embedded bytes");
    let i = default_catalog().info();
    assert!(err.contains(&format!("{} {} ({})", i.id, i.version, i.hash)), "{err}");

    // The JSON a host hands to the package compiles too, with the hash the
    // e2e test pins for it.
    let small = dir.join("small.bin");
    let (code, _, err) = policy_calc(&["compile", "tests/e2e/pages/small-catalog.json", "--out", small.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("sha256:701a54ecc4324d7628d7f1cac9f4e12027ff57a911194a40a93a739a4387a0d1"), "{err}");
    let c = calculator_core::Catalog::from_bytes(&std::fs::read(&small).unwrap()).unwrap();
    assert_eq!((c.info().id.as_str(), c.policies().len()), ("e2e-small", 1));

    // A broken catalog is reported, and nothing is written.
    let broken = dir.join("broken.json");
    std::fs::write(&broken, r#"{"catalog": {"id": 1}}"#).unwrap();
    let none = dir.join("none.bin");
    let (code, out_text, _) = policy_calc(&["compile", broken.to_str().unwrap(), "--out", none.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out_text.contains("broken.json"), "{out_text}");
    assert!(!none.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_option_of_another_command_is_refused_by_name() {
    let (code, out, err) = policy_calc(&["check", "--rows", "5", "calculator-core"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "nothing is checked: {out}");
    let first = err.lines().next().unwrap_or_default();
    assert!(first.contains("`--rows`") && first.contains("check takes --lang"), "{err}");
    assert!(err.contains("usage: policy-calc check [--lang"), "the command's usage follows: {err}");
    assert!(!err.contains("policy-calc generate"), "only the usage of the command concerned: {err}");
}

#[test]
fn an_unknown_option_is_refused() {
    let (code, _, err) = policy_calc(&["match", "--bogus"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("policy-calc match: unknown option `--bogus`"), "{err}");
    assert!(err.contains("usage: policy-calc match"), "{err}");
}

#[test]
fn dash_o_is_not_an_option() {
    let (code, out, err) = policy_calc(&["compile", "-o", "x", "calculator-core"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "nothing is compiled");
    assert!(err.contains("unknown option `-o`") && err.contains("--out"), "{err}");
}

#[test]
fn a_missing_value_or_an_operand_too_many_is_a_usage_error() {
    let (code, _, err) = policy_calc(&["check", "calculator-core", "--lang"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`--lang` needs a value") && err.contains("usage: policy-calc check"), "{err}");
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-12-31", "a.csv", "b.csv"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unexpected argument `b.csv`") && err.contains("usage: policy-calc match"), "{err}");
    let (code, out, err) = policy_calc(&["generate", "--rows", "3", "7"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty() && err.contains("unexpected argument `7`"), "{err}");
    let (code, _, err) = policy_calc(&["match"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--as-of") && err.contains("usage: policy-calc match"), "{err}");
}

#[test]
fn an_option_takes_its_value_after_an_equals_sign_or_as_the_next_argument() {
    let (code, out, err) = policy_calc(&["generate", "--rows=3", "--seed", "1"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "a header and 3 rows: {out}");
    assert!(lines[0].starts_with("credit_code,"), "{out}");
    assert_eq!(policy_calc(&["generate", "--rows", "3", "--seed=1"]).1, out);
    let (code, out, _) = policy_calc(&["check", "--lang=en", "calculator-core"]);
    assert_eq!(code, 0);
    let c = default_catalog();
    assert!(out.starts_with(&format!("OK: {} {} — {} policies", c.info().id, c.info().version, c.policies().len())), "{out}");
}

#[test]
fn help_is_printed_for_every_command_or_for_one() {
    let (code, out, err) = policy_calc(&["match", "--help"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("--as-of") && out.contains("--threads"), "{out}");
    assert!(!out.contains("--rows") && !out.contains("policy-calc check"), "match's help only: {out}");
    let (code, out, _) = policy_calc(&["check", "-h"]);
    assert_eq!(code, 0);
    assert!(out.contains("policy-calc check") && out.contains("--lang"), "{out}");
    for help in ["--help", "-h"] {
        let (code, out, _) = policy_calc(&[help]);
        assert_eq!(code, 0);
        assert!(out.contains("policy-calc match") && out.contains("policy-calc generate"), "{out}");
    }
}

#[test]
fn a_data_error_is_reported_without_the_usage() {
    let (code, _, err) = policy_calc(&["check", "no/such/file.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.toml") && !err.contains("usage:"), "{err}");
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-13-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("`2025-13-01` is not a date") && !err.contains("usage:"), "{err}");
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-12-31", "no/such/register.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/register.csv") && !err.contains("usage:"), "{err}");
}

/// A scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("policy-calc-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn generated(rows: &str, seed: &str) -> String {
    let (code, out, err) = policy_calc(&["generate", "--rows", rows, "--seed", seed]);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn match_writes_csv_xlsx_notices_and_by_default_one_open_line_per_enterprise() {
    let dir = scratch("outputs");
    let register = dir.join("register.csv");
    std::fs::write(&register, generated("400", "8")).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let reg = register.to_str().unwrap();
    let (code, _, err) =
        policy_calc(&["match", "--as-of", "2025-12-31", reg, "--out", &path("m.jsonl"), "--notices", &path("n.jsonl"), "--summary", &path("s.json")]);
    assert_eq!(code, 0, "{err}");
    let jsonl = std::fs::read_to_string(path("m.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().all(|l| l["status"] == "eligible" || l["status"] == "open"), "eligible matches and open lines only");
    let open: Vec<&serde_json::Value> = lines.iter().filter(|l| l["status"] == "open").collect();
    assert!(!open.is_empty() && open.iter().all(|l| l["open_policies"].as_u64() > Some(0) && l["missing_inputs"].as_u64() > Some(0)));
    let keys: std::collections::HashSet<&str> = open.iter().map(|l| l["key"].as_str().unwrap()).collect();
    assert_eq!(keys.len(), open.len(), "one open line per enterprise");

    // --needs-input: a line per policy instead, and the eligible lines the same.
    let (code, all, err) = policy_calc(&["match", "--as-of", "2025-12-31", reg, "--needs-input", "--summary", &path("s2.json")]);
    assert_eq!(code, 0, "{err}");
    let eligible = |text: &str| text.lines().filter(|l| l.contains("\"status\":\"eligible\"")).collect::<Vec<_>>().join("\n");
    assert_eq!(eligible(&all), eligible(&jsonl));
    assert!(all.contains("\"status\":\"needs_input\"") && !all.contains("\"status\":\"open\""));
    let needs: usize = open.iter().map(|l| l["open_policies"].as_u64().unwrap() as usize).sum();
    assert_eq!(all.lines().filter(|l| l.contains("\"status\":\"needs_input\"")).count(), needs, "the open lines count them");
    assert!(jsonl.len() < all.len());

    // Notices: one per enterprise with an eligible policy.
    let summary: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path("s.json")).unwrap()).unwrap();
    let notices = std::fs::read_to_string(path("n.jsonl")).unwrap();
    assert_eq!(notices.lines().count() as u64, summary["with_eligible"].as_u64().unwrap());
    let first: serde_json::Value = serde_json::from_str(notices.lines().next().unwrap()).unwrap();
    assert!(first["text"].as_str().unwrap().contains("以主管部门审核确认为准"), "{first}");
    assert!(summary["districts"].as_array().unwrap().iter().any(|d| d["name"] == "沈阳市和平区"), "{}", summary["districts"]);

    // CSV: UTF-8 with a BOM, Chinese headers, a row per JSON line.
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-12-31", reg, "--out", &path("m.csv"), "--summary", &path("s3.json")]);
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(path("m.csv")).unwrap();
    assert!(
        csv.starts_with("\u{FEFF}统一社会信用代码,企业名称,政策编号,政策名称,状态,金额（元）,计入合计,缺少的信息,待补充政策数,缺少信息数\r\n"),
        "{}",
        &csv[..300]
    );
    assert_eq!(csv.lines().count(), jsonl.lines().count() + 1);

    // xlsx: the matches, a summary per policy and per district.
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-12-31", reg, "--out", &path("m.xlsx"), "--summary", &path("s4.json")]);
    assert_eq!(code, 0, "{err}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path("m.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["匹配结果", "按政策汇总", "按地区汇总"]);
    assert_eq!(book.worksheet_range("匹配结果").unwrap().height(), jsonl.lines().count() + 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_xlsx_and_a_gbk_csv_headed_by_labels_match_as_the_utf8_csv_does() {
    let dir = scratch("inputs");
    let text = generated("300", "12");
    let (code, expected, err) = policy_calc_stdin(&["match", "--as-of", "2025-12-31"], &text);
    assert_eq!(code, 0, "{err}");
    // The same register in GBK, headed by the catalog's short labels.
    let catalog = default_catalog();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split(',')
        .map(|k| match catalog.input(k) {
            Some(i) if i.label.zh_cn.ends_with('）') => i.label.zh_cn[..i.label.zh_cn.rfind('（').unwrap()].to_string(),
            Some(i) => i.label.zh_cn.clone(),
            None => "企业名称".to_string(),
        })
        .collect();
    let gbk_text = format!("{}\r\n{}\r\n", header.join(","), lines.clone().collect::<Vec<_>>().join("\r\n"));
    let gbk = dir.join("名录.csv");
    std::fs::write(&gbk, encoding_rs::GB18030.encode(&gbk_text).0).unwrap();
    let (code, out, err) = policy_calc(&["match", "--as-of", "2025-12-31", gbk.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out == expected, "GBK with labels");
    assert!(!err.contains("忽略"), "every column read: {err}");

    // As an xlsx sheet of text cells, named by keys, on a second sheet.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("说明").unwrap().write_string(0, 0, "见下一页").unwrap();
    let ws = book.add_worksheet();
    ws.set_name("名录").unwrap();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            if !cell.is_empty() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    let xlsx = dir.join("名录.xlsx");
    book.save(&xlsx).unwrap();
    let (code, out, err) = policy_calc(&["match", "--as-of", "2025-12-31", xlsx.to_str().unwrap(), "--sheet", "名录"]);
    assert_eq!(code, 0, "{err}");
    assert!(out == expected, "xlsx");
    // From stdin, known by its bytes.
    let (code, out, err) = policy_calc_bytes(&["match", "--as-of", "2025-12-31", "--sheet", "名录"], &std::fs::read(&xlsx).unwrap());
    assert_eq!(code, 0, "{err}");
    assert!(out == expected, "xlsx on stdin");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn against_a_baseline_catalog_only_what_changed_is_written() {
    let dir = scratch("baseline");
    let register = dir.join("register.csv");
    std::fs::write(&register, generated("200", "6")).unwrap();
    let reg = register.to_str().unwrap();
    // The built-in catalog is calculator-core's sources: nothing changed.
    let summary = dir.join("s.json");
    let (code, out, err) =
        policy_calc(&["match", "--as-of", "2025-12-31", reg, "--baseline-catalog", "calculator-core", "--summary", summary.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{}", &out[..out.len().min(400)]);
    let s: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    assert_eq!(s["changes"], serde_json::json!({ "new": 0, "changed": 0, "gone": 0 }));
    // Against a catalog of one other policy, every match is new.
    let (code, out, err) = policy_calc(&[
        "match",
        "--as-of",
        "2025-12-31",
        reg,
        "--baseline-catalog",
        "tests/e2e/pages/small-catalog.json",
        "--summary",
        summary.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (_, matches, _) = policy_calc(&["match", "--as-of", "2025-12-31", reg]);
    let eligible = matches.lines().filter(|l| l.contains("\"status\":\"eligible\"")).count();
    assert_eq!(out.lines().count(), eligible);
    assert!(out.lines().all(|l| l.starts_with("{\"change\":\"new\",") && l.contains("\"old\":null")), "{}", out.lines().next().unwrap_or_default());
    // A broken baseline is reported like a broken catalog.
    let broken = dir.join("broken.json");
    std::fs::write(&broken, r#"{"catalog": {"id": 1}}"#).unwrap();
    let (code, _, _) = policy_calc(&["match", "--as-of", "2025-12-31", reg, "--baseline-catalog", broken.to_str().unwrap()]);
    assert_eq!(code, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_file_that_is_no_register_gets_one_localized_message_and_exit_status_2() {
    let dir = scratch("bad");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    };
    let png = write("logo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    let empty = write("empty.csv", b"");
    let no_keys = write("no-keys.csv", "序号,名称,备注\n1,某厂,无\n".as_bytes());
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().set_name("Sheet1").unwrap();
    let empty_sheet = dir.join("empty.xlsx");
    book.save(&empty_sheet).unwrap();
    let empty_sheet = empty_sheet.to_str().unwrap().to_string();
    for (args, zh, en) in [
        (vec![png.as_str()], "不是可读取的表格", "not a table this tool reads"),
        (vec![empty.as_str()], "文件是空的：没有表头行", "the file is empty: there is no header row"),
        (
            vec![no_keys.as_str()],
            "表头中没有本目录的任何输入项（读到：序号、名称、备注）",
            "the header names none of the catalog's inputs (read: 序号, 名称, 备注)",
        ),
        (vec![empty_sheet.as_str()], "工作表“Sheet1”是空的", "sheet \"Sheet1\" is empty"),
        (
            vec![empty_sheet.as_str(), "--sheet", "名录"],
            "工作簿中没有名为“名录”的工作表（有：Sheet1）",
            "the workbook has no sheet named \"名录\" (it has: Sheet1)",
        ),
        (vec![no_keys.as_str(), "--key", "tax_id"], "表头中没有本目录的任何输入项", "the header names none"),
    ] {
        for (lang, said) in [("zh-CN", zh), ("en", en)] {
            let mut all = vec!["match", "--as-of", "2025-12-31", "--lang", lang];
            all.extend(&args);
            let (code, out, err) = policy_calc(&all);
            assert_eq!(code, 2, "{args:?}: {err}");
            assert!(out.is_empty(), "{args:?}: {out}");
            assert!(err.starts_with(said), "{args:?} {lang}: {err}");
            assert!(!err.contains("usage:") && err.lines().count() == 1, "one message, no usage: {err}");
        }
    }
    // A key column that is not there.
    let ok = write("ok.csv", b"credit_code,employees\n91210800MA0QEXAMP3,4\n");
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-12-31", &ok, "--key", "tax_id"]);
    assert_eq!(code, 2);
    assert_eq!(err, "表头中没有 --key 指定的列“tax_id”\n");
    // An unknown column is said once, and the rest is read.
    let extra = write("extra.csv", b"credit_code,employees,remark\n91210800MA0QEXAMP3,4,x\n91210800MA0QEXAMP3,5,y\n");
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-12-31", &extra, "--summary", dir.join("s.json").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "以下列不是本目录的输入项，已忽略：remark\n");
    // A flag takes no value.
    let (code, _, err) = policy_calc(&["match", "--as-of", "2025-12-31", "--needs-input=yes", &ok]);
    assert_eq!(code, 2);
    assert!(err.contains("`--needs-input` takes no value") && err.contains("usage: policy-calc match"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_question_measure_puts_the_planner_before_the_old_order_and_prefill_before_the_planner() {
    let (code, out, err) = policy_calc(&["measure-questions", "--rows", "60", "--seed", "3"]);
    assert_eq!(code, 0, "{err}");
    // The status median of each line of the table.
    let median = |name: &str| -> u32 {
        let line = out.lines().find(|l| l.starts_with(&format!("| {name}"))).unwrap_or_else(|| panic!("no line `{name}` in\n{out}"));
        line.split('|').nth(2).and_then(|c| c.trim().parse().ok()).unwrap_or_else(|| panic!("no median in `{line}`"))
    };
    let (planner, prefilled, greedy, fixed) =
        (median("the planner (multi-select"), median("the planner, the business"), median("greedy"), median("fixed form"));
    assert_eq!(fixed as usize, default_catalog().inputs().len());
    assert!(prefilled < planner && planner * 2 <= greedy, "prefilled {prefilled}, planner {planner}, 0.3.0's order {greedy}\n{out}");
    // The same seed gives the same table.
    assert_eq!(policy_calc(&["measure-questions", "--rows", "60", "--seed", "3"]).1, out);
}
