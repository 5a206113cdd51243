//! `policy-calc`: command-line tools around the policy calculator.
//!
//! ```text
//! policy-calc check [--lang zh-CN|zh-TW|en] PATH...   lint a catalog (files, or a directory
//!                                                     holding catalog.toml and policies/)
//! policy-calc list  [--lang …] [PATH...]              print the catalog listing (Markdown);
//!                                                     the default catalog when no PATH is given
//! policy-calc json  [--lang …] PATH...                check a catalog and print it as one JSON
//!                                                     file, the form the JS package reads
//! policy-calc compile [--lang …] [--out FILE] PATH...
//!                                                     check a catalog and write it compiled
//!                                                     (Catalog::to_bytes): what the lean browser
//!                                                     build reads, with no reader or checker
//! policy-calc match [--as-of DATE] [--format csv|jsonl] [--key COLUMN] [--out FILE]
//!                   [--summary FILE] [--threads N] [--catalog PATH] [REGISTER]
//!                                                     政策找企业: every enterprise of a register
//!                                                     against the catalog (stdin when no REGISTER)
//! policy-calc generate [--rows N] [--seed S] [--format csv|jsonl]
//!                                                     a synthetic register for tests and benchmarks
//! ```
//!
//! Exit status: 0 when the catalog is sound, 1 when it has problems (each
//! printed as `file:line:column: [context] message`), 2 on a usage or file error.

mod generate;
mod register;

// A register run allocates and frees small buffers for every row on every
// core; mimalloc's per-thread heaps do that about twice as fast as glibc's.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use calculator_core::{default_catalog, listing, Catalog, Date, Error, Lang};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  policy-calc check [--lang zh-CN|zh-TW|en] PATH...
  policy-calc list  [--lang zh-CN|zh-TW|en] [PATH...]
  policy-calc json  [--lang zh-CN|zh-TW|en] PATH...
  policy-calc compile [--lang zh-CN|zh-TW|en] [--out FILE] PATH...
  policy-calc match [--as-of YYYY-MM-DD] [--format csv|jsonl] [--key COLUMN] [--out FILE]
                    [--summary FILE] [--threads N] [--catalog PATH] [REGISTER]
  policy-calc generate [--rows N] [--seed S] [--format csv|jsonl]
PATH is a catalog file (TOML, or JSON as `json` writes it), or a directory holding catalog.toml and policies/*.toml.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let (command, rest) = args.split_first().ok_or("no command given")?;
    let mut lang = Lang::ZhCn;
    let mut paths = Vec::new();
    let mut flags: HashMap<&str, String> = HashMap::new();
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => {
                let tag = it.next().ok_or("--lang needs a value")?;
                lang = Lang::from_tag(tag);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            flag @ ("--as-of" | "--format" | "--key" | "--out" | "--summary" | "--threads" | "--catalog" | "--rows" | "--seed") => {
                let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
                flags.insert(flag, value.clone());
            }
            other if other.starts_with("--") => return Err(format!("unknown option `{other}`")),
            other => paths.push(PathBuf::from(other)),
        }
    }
    match command.as_str() {
        "check" => {
            if paths.is_empty() {
                return Err("check needs at least one PATH".into());
            }
            check(&read_sources(&paths)?, lang)
        }
        "list" => {
            let text = if paths.is_empty() {
                listing::markdown(default_catalog().map_err(|e| e.to_string())?, lang)
            } else {
                let sources = read_sources(&paths)?;
                match load(&sources) {
                    Ok(c) => listing::markdown(&c, lang),
                    Err(e) => {
                        print_problems(&e, lang);
                        return Ok(ExitCode::from(1));
                    }
                }
            };
            println!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        "json" => {
            if paths.is_empty() {
                return Err("json needs at least one PATH".into());
            }
            let sources = read_sources(&paths)?;
            let borrowed: Vec<(&str, &str)> = sources.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
            match Catalog::toml_to_json(&borrowed) {
                Ok(v) => {
                    println!("{}", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?);
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    print_problems(&e, lang);
                    Ok(ExitCode::from(1))
                }
            }
        }
        "compile" => {
            if paths.is_empty() {
                return Err("compile needs at least one PATH".into());
            }
            let sources = read_sources(&paths)?;
            match load(&sources) {
                Ok(c) => {
                    let bytes = c.to_bytes();
                    match flags.get("--out") {
                        Some(out) => std::fs::write(out, &bytes).map_err(|e| format!("{out}: {e}"))?,
                        None => std::io::Write::write_all(&mut std::io::stdout().lock(), &bytes).map_err(|e| e.to_string())?,
                    }
                    eprintln!("{} {} ({}): {} bytes", c.info().id, c.info().version, c.info().hash, bytes.len());
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    print_problems(&e, lang);
                    Ok(ExitCode::from(1))
                }
            }
        }
        "match" => match_register(&paths, &flags, lang),
        "generate" => {
            let number =
                |k: &str, default: u64| flags.get(k).map_or(Ok(default), |v| v.parse::<u64>().map_err(|_| format!("{k}: `{v}` is not a whole number")));
            let (rows, seed) = (number("--rows", 1000)?, number("--seed", 1)?);
            let jsonl = format_of(&flags, None)? == register::Format::JsonLines;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            generate::write(&mut out, rows, seed, jsonl).map_err(|e| e.to_string())?;
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command `{other}`")),
    }
}

/// Reads every file; a directory stands for its catalog.toml and policies/*.toml.
fn read_sources(paths: &[PathBuf]) -> Result<Vec<(String, String)>, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let catalog = p.join("catalog.toml");
            let has_catalog = catalog.is_file();
            if has_catalog {
                files.push(catalog);
            }
            let mut policies: Vec<PathBuf> = std::fs::read_dir(p.join("policies"))
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|f| f.extension().is_some_and(|x| x == "toml")).collect())
                .unwrap_or_default();
            policies.sort();
            if !has_catalog && policies.is_empty() {
                return Err(format!("{}: no catalog.toml and no policies/*.toml here", p.display()));
            }
            files.extend(policies);
        } else {
            files.push(p.clone());
        }
    }
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?;
            Ok((display(f), text))
        })
        .collect()
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Reads a catalog: JSON files (what `policy-calc json` writes and hosts
/// hand to the package) when every file is `.json`, else TOML.
fn load(sources: &[(String, String)]) -> Result<Catalog, Error> {
    let borrowed: Vec<(&str, &str)> = sources.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    if !borrowed.is_empty() && borrowed.iter().all(|(n, _)| n.ends_with(".json")) {
        Catalog::from_json(&borrowed)
    } else {
        Catalog::from_sources(&borrowed)
    }
}

fn print_problems(e: &Error, lang: Lang) {
    match e {
        Error::Catalog(problems) => {
            for p in problems {
                println!("{}", p.render(lang));
            }
            let n = problems.len();
            eprintln!(
                "{}",
                match lang {
                    Lang::En => format!("{n} problem(s) found."),
                    Lang::ZhTw => format!("發現 {n} 個問題。"),
                    Lang::ZhCn => format!("发现 {n} 个问题。"),
                }
            );
        }
        other => println!("{other}"),
    }
}

fn check(sources: &[(String, String)], lang: Lang) -> Result<ExitCode, String> {
    match load(sources) {
        Ok(c) => {
            let info = c.info();
            let (p, i) = (c.policies().len(), c.inputs().len());
            println!(
                "{}",
                match lang {
                    Lang::En => format!("OK: {} {} — {p} policies, {i} inputs, {}", info.id, info.version, info.hash),
                    Lang::ZhTw => format!("通過：{} {} — {p} 項政策，{i} 項輸入，{}", info.id, info.version, info.hash),
                    Lang::ZhCn => format!("通过：{} {} — {p} 项政策，{i} 项输入，{}", info.id, info.version, info.hash),
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            print_problems(&e, lang);
            Ok(ExitCode::from(1))
        }
    }
}

/// `--format`, else the register's extension, else CSV.
fn format_of(flags: &HashMap<&str, String>, path: Option<&Path>) -> Result<register::Format, String> {
    let name = match flags.get("--format") {
        Some(f) => f.clone(),
        None => path.and_then(|p| p.extension()).map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_else(|| "csv".into()),
    };
    match name.as_str() {
        "csv" => Ok(register::Format::Csv),
        "jsonl" | "ndjson" | "json" => Ok(register::Format::JsonLines),
        other => Err(format!("--format: `{other}` is not csv or jsonl")),
    }
}

fn match_register(paths: &[PathBuf], flags: &HashMap<&str, String>, lang: Lang) -> Result<ExitCode, String> {
    if paths.len() > 1 {
        return Err("match reads one register (or stdin)".into());
    }
    let as_of: Date = match flags.get("--as-of") {
        Some(d) => d.parse().map_err(|_| format!("--as-of: `{d}` is not a date (YYYY-MM-DD)"))?,
        None => return Err("match needs --as-of YYYY-MM-DD: the date whose rules apply".into()),
    };
    let threads = match flags.get("--threads") {
        Some(n) => n.parse::<usize>().map_err(|_| format!("--threads: `{n}` is not a whole number"))?,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let own;
    let catalog: &Catalog = match flags.get("--catalog") {
        Some(dir) => match load(&read_sources(&[PathBuf::from(dir)])?) {
            Ok(c) => {
                own = c;
                &own
            }
            Err(e) => {
                print_problems(&e, lang);
                return Ok(ExitCode::from(1));
            }
        },
        None => default_catalog().map_err(|e| e.to_string())?,
    };
    let settings = register::Settings {
        catalog,
        as_of,
        lang,
        format: format_of(flags, paths.first().map(PathBuf::as_path))?,
        key: flags.get("--key").cloned().unwrap_or_else(|| "credit_code".into()),
        threads,
    };
    let stdout = std::io::stdout();
    let mut out: Box<dyn std::io::Write> = match flags.get("--out") {
        Some(p) => Box::new(std::io::BufWriter::new(std::fs::File::create(p).map_err(|e| format!("{p}: {e}"))?)),
        None => Box::new(std::io::BufWriter::new(stdout.lock())),
    };
    let summary = match paths.first() {
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| format!("{}: {e}", p.display()))?;
            register::run(std::io::BufReader::with_capacity(1 << 16, file), &mut *out, &settings)?
        }
        None => register::run(std::io::BufReader::new(std::io::stdin()), &mut *out, &settings)?,
    };
    let text = serde_json::to_string_pretty(&summary.to_json(catalog, as_of)).map_err(|e| e.to_string())?;
    match flags.get("--summary") {
        Some(p) => std::fs::write(p, text + "\n").map_err(|e| format!("{p}: {e}"))?,
        None => eprintln!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
