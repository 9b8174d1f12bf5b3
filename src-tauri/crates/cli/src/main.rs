//! `postdesk-cli`: the letter flow from a terminal, over the same core, data
//! folder (`POSTDESK_DATA_DIR`) and outbox as the window.
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use postdesk_core::{LetterState, NoEvents, Postdesk, PostdeskOptions, SendOn, SplitRule};
use postdesk_pdf::{PdfEngine, ProviderKind, Severity};

mod words;

#[derive(Parser)]
#[command(name = "postdesk-cli", version, about = "Send paper letters from PDFs — from a terminal")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    /// Findings and errors in a language of the window (en, de, sv, nb, fi, nl, fr);
    /// `--lang` alone: the system's. Default English; `--json` always has codes.
    #[arg(long, global = true, num_args = 0..=1, default_missing_value = "system", value_name = "LANG")]
    lang: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Provider {
    Epost,
    Ekopost,
    Easypost,
    Posti,
}

impl From<Provider> for ProviderKind {
    fn from(p: Provider) -> Self {
        match p {
            Provider::Epost => ProviderKind::Epost,
            Provider::Ekopost => ProviderKind::Ekopost,
            Provider::Easypost => ProviderKind::Easypost,
            Provider::Posti => ProviderKind::Posti,
        }
    }
}

#[derive(Subcommand)]
enum Cmd {
    /// Check PDFs against a provider's rules. Exit 0: no errors; 1: a file has an error.
    Preflight {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "epost")]
        provider: Provider,
        /// One JSON object per file, one per line.
        #[arg(long)]
        json: bool,
        /// Check for sending with a cover letter: the provider prints page 1 itself,
        /// so only the margins apply to the file's pages.
        #[arg(long)]
        cover_letter: bool,
        /// Worker processes (pdfium is single-threaded per process). Default: one per
        /// core, for batches of at least 8 files per worker.
        #[arg(long)]
        jobs: Option<usize>,
        /// (internal) check the files in this process and print JSON lines.
        #[arg(long, hide = true)]
        worker: bool,
    },
    /// Show the letters a merged PDF (e.g. a mail merge) would be split into.
    /// `--by address` (default): a page with a new address in its address window
    /// starts a letter; `pages:N`: every N pages; `text:REGEX` / `text-last:REGEX`:
    /// a page whose text matches is the first / last page of a letter.
    Split {
        file: PathBuf,
        #[arg(long, value_name = "RULE", default_value = "address", value_parser = split_rule)]
        by: SplitRule,
        /// The provider whose address window is read.
        #[arg(long, value_enum, default_value = "epost")]
        provider: Provider,
        /// One JSON object per letter and line; `first_page` counts from 1.
        #[arg(long)]
        json: bool,
    },
    /// Queue PDFs in the outbox and send them (the sandbox needs no window).
    Send {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Split each file into letters by RULE (as `split --by`) and send those.
        #[arg(long, value_name = "RULE", value_parser = split_rule)]
        split: Option<SplitRule>,
        /// The company to send for (default: the current one in the app).
        #[arg(long)]
        company: Option<String>,
        /// Use an already running `postdesk-sim` at URL for the sandbox company.
        #[arg(long)]
        sim: Option<String>,
        /// Wait until every letter reached a final state (sent / failed).
        #[arg(long)]
        wait: bool,
        /// Queue a PDF even when the same file is already queued, with the
        /// provider, or was sent within the last hour.
        #[arg(long)]
        allow_duplicate: bool,
        /// Send on this day (YYYY-MM-DD, up to a year ahead): the letters wait in
        /// the outbox, scheduled, until the day begins here (local time), and go
        /// out then — or at the next start of Postdesk or a `send` if none runs
        /// that day. Today or a past day: at once.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = send_on)]
        on: Option<SendOn>,
    },
    /// Add a company and make it the current one. E-POST companies go to the live
    /// API in test mode (set the password in the window); Ekopost companies to
    /// Postdesk's sandbox unless `--ekopost-account` (Ekopost's own sandbox host
    /// first; enter the API key in the window's Setup); Posti companies use the
    /// sandbox's OmaPosti Pro key (they prove a key; they send no letters);
    /// EasyPost companies use the sandbox's key and its first single-file workflow.
    AddCompany {
        name: String,
        #[arg(long, value_enum, default_value = "epost")]
        provider: Provider,
        /// Ekopost: connect a real Ekopost account instead of Postdesk's sandbox.
        #[arg(long)]
        ekopost_account: bool,
        #[arg(long)]
        sim: Option<String>,
    },
    /// List the job list.
    Jobs {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        sim: Option<String>,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt().with_env_filter(std::env::var("RUST_LOG").unwrap_or_else(|_| "warn".into())).with_writer(std::io::stderr).init();
    let cli = Cli::parse();
    if let Some(lang) = &cli.lang {
        words::choose(lang);
    }
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    let result = rt.block_on(async {
        match cli.cmd {
            Cmd::Preflight { files, provider, json, cover_letter, jobs, worker } => {
                preflight(files, provider, json, cover_letter, jobs, worker)
            }
            Cmd::Split { file, by, provider, json } => split(file, by, provider, json),
            Cmd::Send { files, split, company, sim, wait, allow_duplicate, on } => send(files, split, company, sim, wait, allow_duplicate, on).await,
            Cmd::Jobs { json, sim } => jobs(json, sim).await,
            Cmd::AddCompany { name, provider, ekopost_account, sim } => add_company(name, provider, ekopost_account, sim).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("postdesk-cli: {e:#}");
            ExitCode::from(3)
        }
    }
}

/// `--on`: the day, and its start in the local time zone (chrono's `Local`,
/// which reads the zone itself: safe with the runtime's threads). A start that
/// does not exist (a DST change at midnight) is the first hour that does.
fn send_on(s: &str) -> Result<SendOn, String> {
    use chrono::{Local, NaiveDate, TimeZone};
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| format!("send_on_out_of_range: not a date YYYY-MM-DD ({e})"))?;
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    let start = (0..=3)
        .find_map(|h| Local.from_local_datetime(&(midnight + chrono::Duration::hours(h))).earliest())
        .ok_or_else(|| format!("send_on_out_of_range: {s} has no start in this time zone"))?;
    Ok(SendOn { date: date.format("%Y-%m-%d").to_string(), at_ms: start.timestamp_millis() })
}

/// `--by` / `--split`: a rule, or the refusal with its code.
fn split_rule(s: &str) -> Result<SplitRule, String> {
    s.parse::<SplitRule>().map_err(|e| format!("{}: {e}", e.code()))
}

fn split(file: PathBuf, rule: SplitRule, provider: Provider, json: bool) -> anyhow::Result<ExitCode> {
    let engine = PdfEngine::start(None)?;
    let rules = postdesk_pdf::rules::for_provider(provider.into());
    let plan = engine.split(&file, &rules, &rule)?;
    if json {
        for l in &plan.letters {
            let line = serde_json::json!({ "first_page": l.first_page + 1, "pages": l.pages, "address": l.address });
            println!("{line}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let n = |v: u32| serde_json::Value::from(v);
    let words = words::chosen();
    let say = |key: &str, values: &[(&str, serde_json::Value)], english: String| {
        let map = values.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        words.and_then(|w| w.split(key, &map)).unwrap_or(english)
    };
    let count = plan.letters.len() as u32;
    let summary = say(
        "summary",
        &[("count", n(count)), ("total", n(plan.pages))],
        format!("{count} letter{} from {} pages", if count == 1 { "" } else { "s" }, plan.pages),
    );
    println!("{}: {summary}", file.display());
    for (i, l) in plan.letters.iter().enumerate() {
        let (first, last) = (l.first_page + 1, l.first_page + l.pages);
        let range = if l.pages == 1 {
            say("rangeOne", &[("first", n(first))], format!("page {first}"))
        } else {
            say("range", &[("first", n(first)), ("last", n(last))], format!("pages {first}–{last}"))
        };
        let who = match &l.address {
            Some(a) => a.lines.join(", "),
            None => say("noAddress", &[], "No address found on its first page".into()),
        };
        let letter = say("letterN", &[("n", n(i as u32 + 1))], format!("Letter {}", i + 1));
        println!("  {letter}  {range}  {who}");
    }
    Ok(ExitCode::SUCCESS)
}

async fn add_company(name: String, provider: Provider, ekopost_account: bool, sim: Option<String>) -> anyhow::Result<ExitCode> {
    let app = open(sim).await?;
    let st = match provider {
        Provider::Epost => app.create_company(&name)?,
        Provider::Ekopost => app.create_ekopost_company(&name, !ekopost_account).await?,
        // The sandbox's OmaPosti Pro key; the own key is pasted in the window's Setup.
        Provider::Posti => app.create_posti_company(&name, true).await?,
        // The sandbox's key and its first single-file workflow (the window lets the clerk pick).
        Provider::Easypost => {
            app.create_easypost_company(&name, true).await?;
            app.easypost_pick_first_workflow().await?
        }
    };
    println!("{} ({}, {:?})", st.company.name, st.provider.name, st.environment);
    Ok(ExitCode::SUCCESS)
}

/// Files a worker process gets at least before a second one is worth its start-up.
const FILES_PER_WORKER: usize = 8;

fn preflight(
    files: Vec<PathBuf>,
    provider: Provider,
    json: bool,
    cover_letter: bool,
    jobs: Option<usize>,
    worker: bool,
) -> anyhow::Result<ExitCode> {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let jobs = jobs.unwrap_or(cores.min(files.len() / FILES_PER_WORKER)).clamp(1, files.len().max(1));
    let results = if worker || jobs == 1 {
        let engine = PdfEngine::start(None)?;
        let rules = postdesk_pdf::rules::for_provider(provider.into()).for_options(cover_letter);
        let mut out = Vec::with_capacity(files.len());
        for f in &files {
            let p = engine.preflight(f, &rules)?;
            if worker {
                // Streamed, so a worker's memory stays flat over a long batch.
                println!("{}", serde_json::to_string(&p)?);
            } else {
                out.push(p);
            }
        }
        if worker {
            return Ok(ExitCode::SUCCESS);
        }
        out
    } else {
        preflight_in_workers(&files, provider, cover_letter, jobs)?
    };
    let mut any_error = false;
    for (f, p) in files.iter().zip(&results) {
        any_error |= p.has_errors();
        if json {
            println!("{}", serde_json::to_string(p)?);
        } else {
            let verdict = if p.has_errors() {
                "✖ error"
            } else if p.findings.iter().any(|x| x.severity == Severity::Warning) {
                "⚠ warning"
            } else {
                "✓ ok"
            };
            println!("{}  {verdict}  {} page(s)", f.display(), p.pages);
            for x in &p.findings {
                let page = x.page.map(|n| format!(" p.{n}")).unwrap_or_default();
                match words::chosen() {
                    Some(w) => {
                        let (message, hint) = w.finding(x);
                        println!("  {}{page} {}: {message}", w.severity(x.severity), x.code);
                        if let Some(h) = hint {
                            println!("      {h}");
                        }
                    }
                    None => println!("  {:?}{page} {}: {}", x.severity, x.code, x.message),
                }
            }
        }
    }
    Ok(if any_error { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Splits the files round-robin over `jobs` copies of this program (`preflight
/// --worker`), each with its own pdfium, and puts their answers back in file order.
fn preflight_in_workers(
    files: &[PathBuf],
    provider: Provider,
    cover_letter: bool,
    jobs: usize,
) -> anyhow::Result<Vec<postdesk_pdf::Preflight>> {
    use std::process::{Command, Stdio};
    let exe = std::env::current_exe()?;
    let name = provider.to_possible_value().expect("every provider has a name").get_name().to_string();
    let children = (0..jobs)
        .map(|j| {
            let mut c = Command::new(&exe);
            c.args(["preflight", "--worker", "--provider", &name]);
            if cover_letter {
                c.arg("--cover-letter");
            }
            c.args(files.iter().skip(j).step_by(jobs)).stdout(Stdio::piped()).spawn()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut results: Vec<Option<postdesk_pdf::Preflight>> = vec![None; files.len()];
    for (j, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output()?;
        anyhow::ensure!(out.status.success(), "a preflight worker failed ({})", out.status);
        for (k, line) in String::from_utf8_lossy(&out.stdout).lines().enumerate() {
            if let Some(slot) = results.get_mut(j + k * jobs) {
                *slot = Some(serde_json::from_str(line)?);
            }
        }
    }
    results
        .into_iter()
        .zip(files)
        .map(|(r, f)| r.ok_or_else(|| anyhow::anyhow!("no answer for {}", f.display())))
        .collect()
}

async fn open(sim: Option<String>) -> anyhow::Result<Postdesk> {
    let mut opts = PostdeskOptions::from_env();
    opts.origin = postdesk_core::Origin::Cli;
    if sim.is_some() {
        opts.sim_url = sim;
    }
    Ok(Postdesk::open(opts, Arc::new(NoEvents)).await?)
}

/// Files preflighted and queued at a time by `send`.
const CHUNK: usize = 20;
/// `send` waits at most this long for its letters.
const MAX_WAIT: Duration = Duration::from_secs(3600);
/// … and then at most this long for the sends it has in flight.
const FINISH_WITHIN: Duration = Duration::from_secs(30);

async fn send(files: Vec<PathBuf>, split: Option<SplitRule>, company: Option<String>, sim: Option<String>, wait: bool, allow_duplicate: bool, on: Option<SendOn>) -> anyhow::Result<ExitCode> {
    let app = open(sim).await?;
    if let Some(name) = company {
        let c = app.store().company_by_name(&name)?.ok_or_else(|| anyhow::anyhow!("no company called “{name}”"))?;
        app.switch_company(c.id)?;
    }
    // Files already in the outbox (a re-run after a crash, a double click) are
    // reported and skipped before they are preflighted again; this run still
    // waits for them (a killed run's letters).
    let mut skipped = 0usize;
    let mut earlier: Vec<i64> = Vec::new();
    let files = if allow_duplicate {
        files
    } else {
        let known = app.files_in_outbox(&files)?;
        let mut fresh = Vec::with_capacity(files.len());
        for (f, k) in files.into_iter().zip(known) {
            match k {
                Some((id, _, why)) => {
                    skipped += 1;
                    earlier.push(id);
                    eprintln!("⏭ {}: {why}", f.display());
                }
                None => fresh.push(f),
            }
        }
        fresh
    };
    // Drafts of an earlier run that was killed between checking and queueing.
    let left = app.discard_own_drafts()?;
    if left > 0 {
        eprintln!("removed {left} unsent draft(s) an interrupted earlier run left");
    }
    // A pause set in the window holds here too: the letters are queued and wait.
    if app.outbox_paused() {
        eprintln!("sending is paused in the window; the letters are queued and go out when it is resumed there");
    }
    // The workers run from the start, so a re-run resumes the outbox at once.
    app.start_workers();
    // Preflighted and queued in chunks, so the first letters go out while the
    // rest are checked (and a crash loses at most one chunk's preflight).
    let mut bad = Vec::new();
    let mut queued = Vec::new();
    let total = files.len();
    for (n, chunk) in files.chunks(CHUNK).enumerate() {
        let mut drafts = app.add_files(chunk.to_vec()).await?;
        if let Some(rule) = &split {
            drafts = split_drafts(&app, drafts, rule).await?;
        }
        let (b, good): (Vec<_>, Vec<_>) = drafts.into_iter().partition(|l| l.has_blocking_finding());
        for l in &b {
            let why = l.preflight.findings.iter().find(|f| f.severity == Severity::Error).map(|f| words::chosen().map(|w| w.finding(f).0).unwrap_or_else(|| f.message.clone())).unwrap_or_default();
            eprintln!("✖ {}: not sent — {why}", l.file_name);
            app.remove_draft(l.id)?;
        }
        bad.extend(b);
        let ids: Vec<i64> = good.iter().map(|l| l.id).collect();
        let report = if ids.is_empty() { Default::default() } else { app.send_checked_on(&ids, allow_duplicate, on.as_ref())? };
        for s in &report.skipped {
            skipped += 1;
            earlier.push(s.existing_id);
            eprintln!("⏭ {}: {}", s.letter.file_name, s.reason);
            app.remove_draft(s.letter.id)?;
        }
        queued.extend(report.queued);
        if total > CHUNK {
            eprint!("\rpreflighted {} of {total}, {} queued   ", (n * CHUNK + chunk.len()).min(total), queued.len());
        }
    }
    if total > CHUNK {
        eprintln!();
    }
    let scheduled = queued.iter().filter(|l| l.state == LetterState::Scheduled).count();
    if let (Some(on), true) = (&on, scheduled > 0) {
        eprintln!(
            "{scheduled} letter(s) scheduled for {}: they wait in the outbox and go out when that day begins, if the window or a `postdesk-cli send` runs then (else at its next start)",
            on.date
        );
    }
    eprintln!("{} letter(s) queued, {skipped} skipped as already in the outbox", queued.len() - scheduled);
    // This run's letters: the ones it queued and those of its files an earlier
    // run left in the outbox. It waits for them, not for the whole outbox, which
    // other processes (the window, other runs) may keep filling. Scheduled ones
    // wait for their day, not for this run.
    let mut ids: Vec<i64> = queued.iter().map(|l| l.id).chain(earlier).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.retain(|id| app.store().letter(*id).is_ok_and(|l| l.state != LetterState::Scheduled));
    let start = Instant::now();
    let mut paused = false;
    loop {
        let states: Vec<LetterState> = ids.iter().map(|id| app.store().letter(*id).map(|l| l.state)).collect::<Result<_, _>>()?;
        let pending = states.iter().filter(|s| matches!(s, LetterState::Queued | LetterState::Submitting)).count();
        let sending = states.iter().filter(|s| **s == LetterState::Submitting).count();
        let failed = states.iter().filter(|s| **s == LetterState::Failed).count();
        let sent = states.iter().filter(|s| **s == LetterState::Sent).count();
        let open = states.iter().filter(|s| !s.is_final()).count();
        eprint!("\r{} handed over, {pending} waiting, {sent} sent, {failed} failed   ", states.len() - pending - failed);
        let done = if wait { open == 0 } else { pending == 0 };
        if done {
            break;
        }
        // Paused (in the window): nothing of this run is being sent, so nothing
        // will move until the clerk resumes there.
        if sending == 0 && app.outbox_paused() {
            paused = true;
            break;
        }
        if start.elapsed() > MAX_WAIT {
            app.finish_sending(FINISH_WITHIN).await;
            anyhow::bail!("gave up waiting after an hour; the outbox keeps the letters — run again to resume");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    eprintln!();
    // Letters of other processes this one is sending finish before it exits.
    app.finish_sending(FINISH_WITHIN).await;
    if paused {
        eprintln!("sending is paused in the window: the letters wait in the outbox until it is resumed there");
        return Ok(ExitCode::from(4));
    }
    let failed: Vec<_> = ids.iter().filter_map(|id| app.store().letter(*id).ok()).filter(|l| l.state == LetterState::Failed).collect();
    for l in &failed {
        let why = l.last_error.as_ref().map(|e| words::chosen().map(|w| w.error(e)).unwrap_or_else(|| e.message.clone()));
        eprintln!("✖ {}: {}", l.file_name, why.as_deref().unwrap_or("failed"));
    }
    Ok(if bad.is_empty() && failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Each draft split into its letters by `rule` (a file that cannot be split, e.g.
/// not a PDF, stays as it is: its findings say why it is not sent).
async fn split_drafts(app: &Postdesk, drafts: Vec<postdesk_core::Letter>, rule: &SplitRule) -> anyhow::Result<Vec<postdesk_core::Letter>> {
    let mut out = Vec::with_capacity(drafts.len());
    for d in drafts {
        let plan = match app.split_preview(d.id, rule.clone()).await {
            Ok(p) if !p.letters.is_empty() => p,
            _ => {
                out.push(d);
                continue;
            }
        };
        let ranges = plan.letters.iter().map(|l| l.range()).collect();
        let parts = app.split_draft(d.id, ranges).await?;
        eprintln!("{}: {} letter(s)", d.file_name, parts.len());
        out.extend(parts);
    }
    Ok(out)
}

async fn jobs(json: bool, sim: Option<String>) -> anyhow::Result<ExitCode> {
    let app = open(sim).await?;
    let jobs = app.all_jobs()?;
    if json {
        #[derive(serde::Serialize)]
        struct Row<'a> {
            id: i64,
            file: &'a str,
            state: LetterState,
            provider_id: Option<&'a str>,
            attempts: u32,
            /// The English message (kept for scripts that read it).
            last_error: Option<&'a str>,
            /// The error's code and parameters, as the window words it.
            last_error_code: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            last_error_params: Option<&'a postdesk_core::model::ErrorParams>,
            sha256: &'a str,
            /// "Send on" day (YYYY-MM-DD), for a scheduled letter.
            #[serde(skip_serializing_if = "Option::is_none")]
            send_on: Option<&'a str>,
        }
        let rows: Vec<Row> = jobs
            .iter()
            .map(|l| Row {
                id: l.id,
                file: &l.file_name,
                state: l.state,
                provider_id: l.provider_id.as_deref(),
                attempts: l.attempts,
                last_error: l.last_error.as_ref().map(|e| e.message.as_str()),
                last_error_code: l.last_error.as_ref().map(|e| e.code.as_str()),
                last_error_params: l.last_error.as_ref().and_then(|e| e.params.as_ref()),
                sha256: &l.sha256,
                send_on: l.send_on.as_deref(),
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for l in &jobs {
            println!("{:>5}  {:<11} {:<40} {}", l.id, l.state.as_str(), l.file_name, l.provider_id.as_deref().unwrap_or("-"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
