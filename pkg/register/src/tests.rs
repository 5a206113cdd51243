//! Natively: the page's run gives what the command line gives, whatever the
//! file's form, with a progress report per chunk.
use super::*;
use calculator_register::generate;

fn settings() -> Settings {
    Settings::new("2025-12-31".parse().unwrap(), Lang::ZhCn)
}

fn csv_register(rows: u64) -> Vec<u8> {
    let mut out = Vec::new();
    generate::write(&mut out, rows, 7, false).unwrap();
    out
}

#[test]
fn utf8_gb18030_and_xlsx_registers_give_the_same_outputs() {
    let utf8 = csv_register(600);
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(std::str::from_utf8(&utf8).unwrap());
    assert!(!unmappable);
    let mut xlsx = Cursor::new(Vec::new());
    generate::write_xlsx(&mut xlsx, 600, 7, false).unwrap();
    let a = run(&utf8, &settings(), &mut |_| {}).unwrap();
    let b = run(&gb, &settings(), &mut |_| {}).unwrap();
    let c = run(xlsx.get_ref(), &settings(), &mut |_| {}).unwrap();
    assert!(a.csv.starts_with('\u{FEFF}'));
    assert!(a.csv.lines().count() > 100, "600 generated enterprises have many eligible policies");
    assert_eq!(a.csv, b.csv);
    assert_eq!(a.notices, b.notices);
    assert_eq!(a.summary, b.summary);
    // Excel number cells are read exactly: the workbook gives the same bytes.
    assert_eq!(a.csv, c.csv);
    assert_eq!(a.notices, c.notices);
    assert_eq!(a.summary, c.summary);
    assert_eq!(a.summary["rows"], 600);
    assert!(a.xlsx.starts_with(b"PK\x03\x04") && c.xlsx.starts_with(b"PK\x03\x04"));
}

#[test]
fn progress_is_reported_once_per_chunk_up_to_the_whole_file() {
    let file = csv_register(1000);
    let mut seen: Vec<Progress> = Vec::new();
    let out = run(&file, &settings(), &mut |p| seen.push(*p)).unwrap();
    assert_eq!(seen.len(), 4, "1,000 rows in chunks of 256");
    assert_eq!(seen.iter().map(|p| p.rows).collect::<Vec<_>>(), [256, 512, 768, 1000]);
    assert!(seen.windows(2).all(|w| w[0].position <= w[1].position));
    assert_eq!(seen.last().map(|p| (p.position, p.length)), Some((file.len() as u64, file.len() as u64)));
    assert_eq!(seen.last().unwrap().with_eligible, out.summary["with_eligible"].as_u64().unwrap());
}

#[test]
fn the_template_is_read_back_column_for_column_in_every_language() {
    let catalog = default_catalog().unwrap();
    for lang in [Lang::ZhCn, Lang::ZhTw, Lang::En] {
        let t = template(catalog, lang);
        let mut reader = TextReader::new(TextKind::Csv, CHUNK);
        reader.feed(t.as_bytes()).unwrap();
        reader.finish().unwrap();
        let header = reader.header().unwrap().to_vec();
        assert_eq!(header.len(), catalog.inputs().len() + 1, "every input and the name");
        let reg = Register::new(catalog, &header, MatchOptions::new("2025-12-31".parse().unwrap())).unwrap();
        let map = reg.header().unwrap();
        assert_eq!(map.notes(lang), Vec::<String>::new(), "{lang:?}: every column is read");
        assert_eq!(map.keys().iter().filter(|k| !k.is_empty()).count(), catalog.inputs().len());
        assert_eq!(map.name, Some(1));
        let out = run(t.as_bytes(), &Settings::new("2025-12-31".parse().unwrap(), lang), &mut |_| {}).unwrap();
        assert_eq!(out.columns.len(), catalog.inputs().len(), "{lang:?}: every input column is said to be read");
        assert_eq!(out.columns[0], header[0]);
    }
}

#[test]
fn a_file_that_is_no_register_is_one_error() {
    let e = run("名称,备注\n甲,乙\n".as_bytes(), &settings(), &mut |_| {}).unwrap_err();
    assert_eq!(error_code(&e), "no_known_columns");
    assert!(e.message(Lang::ZhCn).contains("备注"), "{}", e.message(Lang::ZhCn));
    let e = run(b"", &settings(), &mut |_| {}).unwrap_err();
    assert_eq!(error_code(&e), "empty");
    let e = run(b"PK\x03\x04 not a zip", &settings(), &mut |_| {}).unwrap_err();
    assert_eq!(error_code(&e), "not_a_table");
}

#[test]
fn a_header_without_rows_still_gives_a_csv_header_and_a_workbook() {
    let out = run("从业人数,资产总额\n".as_bytes(), &settings(), &mut |_| {}).unwrap();
    assert_eq!(out.csv.lines().count(), 1);
    assert!(out.xlsx.starts_with(b"PK\x03\x04"));
    assert_eq!(out.summary["rows"], 0);
}
