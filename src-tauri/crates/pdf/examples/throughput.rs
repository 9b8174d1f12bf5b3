//! Throughput of Postdesk's PDF work over many letters, on every core.
//!
//! pdfium is single-threaded per process (see `engine.rs`), so this binary uses one
//! worker *process* per core: the parent splits the files round-robin over `--jobs N`
//! copies of itself (`worker` sub-command), each with its own pdfium thread, and
//! measures the wall time from the first spawn to the last exit (process start-up
//! and pdfium binding included).
//!
//! Per file a worker does what the window does for a dropped letter, on one open:
//! read + SHA-256, open, zone checks on every page, address read from the window,
//! page 1 rendered at 100 dpi and encoded as PNG (`PdfEngine::preflight_and_render`).
//!
//! ```text
//! throughput gen DIR N            write N typical one-page letters (postdesk_pdf::sample)
//! throughput run [--jobs N] DIR   print {"files","pages","seconds","pages_per_sec","jobs"}
//! throughput seeds DIR           write the sample letters, good and broken (fuzz seeds)
//! throughput worker FILE…         (internal) check FILEs, print the page count
//! ```
//! `scripts/bench-preflight.sh` runs it side by side with PyMuPDF and poppler.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use postdesk_pdf::rules::{for_provider, ProviderKind};
use postdesk_pdf::sample::{self, LetterSpec};
use postdesk_pdf::PdfEngine;

const SURNAMES: &[&str] = &["Mustermann", "Schmidt", "Weber", "Fischer", "Becker", "Hoffmann", "Schulz", "Koch"];
const STREETS: &[&str] = &["Musterstraße", "Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee"];
const TOWNS: &[(&str, &str)] = &[("53113", "Bonn"), ("10115", "Berlin"), ("80331", "München"), ("20095", "Hamburg"), ("50667", "Köln")];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let r = match args.first().map(String::as_str) {
        Some("gen") if args.len() == 3 => gen(Path::new(&args[1]), args[2].parse().expect("N")),
        Some("run") => run(&args[1..]),
        Some("seeds") if args.len() == 2 => seeds(Path::new(&args[1])),
        Some("worker") => worker(&args[1..]),
        _ => Err("usage: throughput gen DIR N | run [--jobs N] DIR | worker FILE…".into()),
    };
    if let Err(e) = r {
        eprintln!("throughput: {e}");
        std::process::exit(2);
    }
}

type R = Result<(), Box<dyn std::error::Error>>;

/// N typical letters: the clean sample with a varying recipient and a longer body.
fn gen(dir: &Path, n: usize) -> R {
    std::fs::create_dir_all(dir)?;
    for i in 0..n {
        let (zip, town) = TOWNS[i % TOWNS.len()];
        let name = SURNAMES[i % SURNAMES.len()];
        let mut spec = LetterSpec::to(&[
            &format!("Erika {name}"),
            &format!("{} {}", STREETS[i % STREETS.len()], 1 + i % 97),
            &format!("{zip} {town}"),
        ]);
        spec.body = vec![
            format!("Sehr geehrte Frau {name},"),
            String::new(),
            format!("anbei erhalten Sie die Rechnung Nr. {:06} vom 23.11.2026.", 100_000 + i),
            "Bitte überweisen Sie den Betrag innerhalb von 14 Tagen.".into(),
            "Bei Fragen erreichen Sie uns werktags von 8 bis 17 Uhr.".into(),
            String::new(),
            "Mit freundlichen Grüßen".into(),
            "Muster GmbH".into(),
        ];
        std::fs::write(dir.join(format!("letter-{i:05}.pdf")), sample::letter(&spec))?;
    }
    Ok(())
}

/// Every kind of sample letter, good and broken: the fuzzer's seed corpus.
fn seeds(dir: &Path) -> R {
    std::fs::create_dir_all(dir)?;
    let spec = |f: fn(&mut LetterSpec)| {
        let mut s = LetterSpec::default();
        f(&mut s);
        sample::letter(&s)
    };
    let all: Vec<(&str, Vec<u8>)> = vec![
        ("clean", sample::clean_letter()),
        ("encrypted", sample::encrypted()),
        ("truncated", sample::truncated()),
        ("corrupt-xref", sample::corrupt_xref()),
        ("zero-pages", sample::zero_pages()),
        ("not-a-pdf", sample::not_a_pdf()),
        ("franking", spec(|s| s.ink_in_franking = true)),
        ("margin-3-pages", spec(|s| {
            s.ink_in_left_margin = true;
            s.pages = 3;
        })),
        ("landscape", spec(|s| s.page_size_mm = [297.0, 210.0])),
        ("scan", spec(|s| s.image_only = true)),
        ("calibri", spec(|s| s.font = "Calibri".into())),
        ("form-field", spec(|s| s.form_field_in_franking = true)),
        ("javascript", spec(|s| s.javascript = true)),
        ("foreign", sample::letter(&LetterSpec::to(&["Sven Svensson", "Storgatan 1", "123 45 Stockholm", "SCHWEDEN"]))),
    ];
    for (name, bytes) in all {
        std::fs::write(dir.join(format!("{name}.pdf")), bytes)?;
    }
    Ok(())
}

fn run(args: &[String]) -> R {
    let mut jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--jobs" => jobs = it.next().ok_or("--jobs N")?.parse()?,
            d => dir = Some(PathBuf::from(d)),
        }
    }
    let dir = dir.ok_or("run: DIR missing")?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no PDFs in {}", dir.display()).into());
    }
    let jobs = jobs.clamp(1, files.len());
    let exe = std::env::current_exe()?;
    let start = Instant::now();
    let children = (0..jobs)
        .map(|j| {
            Command::new(&exe)
                .arg("worker")
                .args(files.iter().skip(j).step_by(jobs))
                .stdout(Stdio::piped())
                .spawn()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut pages = 0u64;
    for c in children {
        let out = c.wait_with_output()?;
        if !out.status.success() {
            return Err(format!("a worker failed: {}", out.status).into());
        }
        pages += String::from_utf8_lossy(&out.stdout).trim().parse::<u64>()?;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{{\"files\":{},\"pages\":{pages},\"seconds\":{secs:.4},\"pages_per_sec\":{:.1},\"jobs\":{jobs}}}",
        files.len(),
        pages as f64 / secs
    );
    Ok(())
}

fn worker(files: &[String]) -> R {
    let engine = PdfEngine::start(None)?;
    let rules = for_provider(ProviderKind::Epost);
    let mut pages = 0u64;
    for f in files {
        let (pf, png) = engine.preflight_and_render(Path::new(f), &rules, 100.0)?;
        if png.is_none() || pf.address.is_none() {
            return Err(format!("{f}: no page image or no address: {:?}", pf.findings).into());
        }
        pages += 1; // page 1 is what is opened, checked and rendered
    }
    println!("{pages}");
    Ok(())
}
