//! Hot folders against the real simulator over HTTP, a real SQLite file, the
//! keychain and pdfium: a process killed at every step of taking a file — the
//! test binary runs itself as the child that is killed — leaves a file the next
//! run finishes: the letter reaches the simulator once and the file is moved
//! once. Also: "go straight out" with a bad file among good ones, "wait on the
//! desk", a split rule, a file still being written, a second process on the
//! same data folder, and the paths a hot folder refuses.
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use postdesk_core::hotfolder::{note_path, ATTENTION_DIR, SENT_DIR};
use postdesk_core::{AppError, HotFolderMode, HotFolderSettings, HotFolderStatus, LetterState, NoEvents, Postdesk, PostdeskOptions, SplitRule};
use postdesk_sim::{Sim, SimConfig, SimHandle};

mod common;
use common::{letters, until, until_with_provider};

const CHILD_DATA: &str = "POSTDESK_TEST_HOT_CHILD_DATA";
const CHILD_SIM: &str = "POSTDESK_TEST_HOT_CHILD_SIM";
const CHILD_SVC: &str = "POSTDESK_TEST_HOT_CHILD_SVC";

fn options(dir: &Path, sim_url: String, svc: &str, stable: Duration) -> PostdeskOptions {
    PostdeskOptions { hot_stable: Some(stable), claim_lease: Some(Duration::from_millis(600)), ..common::options(dir, sim_url, svc) }
}

/// A simulator, a temporary folder with a data folder and the hot folder
/// `name` in it, and the app on that data folder.
struct Setup {
    sim: SimHandle,
    dir: tempfile::TempDir,
    folder: PathBuf,
    app: Postdesk,
}

async fn setup(name: &str, stable: Duration) -> Setup {
    let sim = Sim::start(SimConfig::fast(Duration::from_millis(20), Duration::ZERO)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join(name);
    std::fs::create_dir(&folder).unwrap();
    let svc = common::service(&format!("hot{}", name.to_lowercase()));
    let app = Postdesk::open(options(&dir.path().join("data"), sim.base_url(), &svc, stable), Arc::new(NoEvents)).await.unwrap();
    Setup { sim, dir, folder, app }
}

fn settings(app: &Postdesk, folder: &Path, mode: HotFolderMode) -> HotFolderSettings {
    HotFolderSettings {
        path: folder.display().to_string(),
        company_id: app.current_company().unwrap().id,
        mode,
        options: None,
        split: None,
        send_on: None,
        enabled: true,
    }
}

/// The regular files directly in `dir`, by name.
fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|r| r.flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn copies_at_sim(sim: &SimHandle, sha256: &str) -> usize {
    sim.letters().iter().filter(|s| s["sha256"] == sha256).count()
}

fn sha256(path: &Path) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

/// What the killed child does: opens the data folder and takes what the hot
/// folder holds, in one scan.
async fn take_once(data: &Path, sim_url: String, svc: &str) -> Vec<postdesk_core::hotfolder::Taken> {
    let app = Postdesk::open(options(data, sim_url, svc, Duration::ZERO), Arc::new(NoEvents)).await.unwrap();
    app.scan_hot_folders().await.unwrap().0
}

/// Run by `a_take_killed_at_any_step_is_finished_by_the_next_run_once` as the
/// child it kills (`POSTDESK_CRASH_AFTER_STEP`): the process must die at that
/// step. Run alone: the same take, not killed, finishes in that one scan.
#[test]
fn hot_take_child_or_one_take_in_one_scan() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    if let Ok(data) = std::env::var(CHILD_DATA) {
        rt.block_on(take_once(Path::new(&data), std::env::var(CHILD_SIM).unwrap(), &std::env::var(CHILD_SVC).unwrap()));
        // The hook should have killed the process before this.
        std::process::exit(3);
    }
    rt.block_on(async {
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(20), Duration::ZERO)).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (data, folder, svc) = (dir.path().join("data"), dir.path().join("In"), common::service("hotone"));
        std::fs::create_dir(&folder).unwrap();
        {
            let app = Postdesk::open(options(&data, sim.base_url(), &svc, Duration::ZERO), Arc::new(NoEvents)).await.unwrap();
            app.save_hot_folder(None, settings(&app, &folder, HotFolderMode::Send)).unwrap();
        }
        letters(&folder, "one", 1);
        let taken = take_once(&data, sim.base_url(), &svc).await;
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].outcome.as_deref(), Some("sent"));
        assert_eq!(files_in(&folder.join(SENT_DIR)), vec!["one-0.pdf".to_string(), "one-0.pdf.txt".into()]);
    });
}

#[test]
fn a_take_killed_at_any_step_is_finished_by_the_next_run_once() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(20), Duration::ZERO)).await.unwrap();
        for point in ["hot_claimed", "hot_drafted", "hot_queued", "hot_moving", "hot_moved"] {
            let dir = tempfile::tempdir().unwrap();
            let data = dir.path().join("data");
            let folder = dir.path().join("Invoices");
            std::fs::create_dir(&folder).unwrap();
            let svc = common::service("hotcrash");
            {
                let app = Postdesk::open(options(&data, sim.base_url(), &svc, Duration::ZERO), Arc::new(NoEvents)).await.unwrap();
                app.save_hot_folder(None, settings(&app, &folder, HotFolderMode::Send)).unwrap();
            }
            let file = letters(&folder, point, 1).remove(0);
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            let sha = sha256(&file);

            let exe = std::env::current_exe().unwrap();
            let (d, u, s, p) = (data.clone(), sim.base_url(), svc.clone(), point.to_string());
            let status = tokio::task::spawn_blocking(move || {
                std::process::Command::new(exe)
                    .args(["--exact", "hot_take_child_or_one_take_in_one_scan", "--nocapture", "--test-threads=1"])
                    .env(CHILD_DATA, d)
                    .env(CHILD_SIM, u)
                    .env(CHILD_SVC, s)
                    .env("POSTDESK_CRASH_AFTER_STEP", p)
                    .status()
                    .unwrap()
            })
            .await
            .unwrap();
            assert!(!status.success() && status.code() != Some(3), "{point}: the child was not killed at its step ({status})");

            // The next run: finishes the take, sends, and takes nothing more.
            let app = Postdesk::open(options(&data, sim.base_url(), &svc, Duration::ZERO), Arc::new(NoEvents)).await.unwrap();
            app.start_workers();
            let (taken, _) = app.scan_hot_folders().await.unwrap();
            assert_eq!(taken.len(), 1, "{point}: {taken:?}");
            assert_eq!(taken[0].outcome.as_deref(), Some("sent"), "{point}");
            assert_eq!(taken[0].letters.len(), 1, "{point}: one letter made of the file, not two");
            let id = taken[0].letters[0];
            until_with_provider(&app, id).await;
            app.finish_sending(Duration::from_secs(10)).await;
            assert_eq!(copies_at_sim(&sim, &sha), 1, "{point}: sent once");
            assert_eq!(files_in(&folder), Vec::<String>::new(), "{point}: the file left the folder");
            assert_eq!(files_in(&folder.join(SENT_DIR)), vec![name.clone(), format!("{name}.txt")], "{point}: moved once, with its note");
            assert_eq!(files_in(&folder.join(ATTENTION_DIR)), Vec::<String>::new(), "{point}");
            let l = app.store().letter(id).unwrap();
            assert_eq!(l.path, folder.join(SENT_DIR).join(&name).display().to_string(), "{point}: the letter's path follows the file");
            assert_eq!(l.source_folder.as_deref(), Some(folder.canonicalize().unwrap().to_str().unwrap()), "{point}");
            let (again, _) = app.scan_hot_folders().await.unwrap();
            assert!(again.is_empty(), "{point}: nothing is taken twice: {again:?}");
            let hf = &app.hot_folders().unwrap()[0];
            assert_eq!((hf.taken, hf.needs_attention), (1, 0), "{point}");
        }
    });
}

#[test]
fn straight_out_sends_the_good_files_and_leaves_the_bad_one_on_the_desk_with_its_findings() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let Setup { sim, dir: _dir, folder, app } = setup("Out", Duration::ZERO).await;
        app.start_workers();
        let hf = app.save_hot_folder(None, settings(&app, &folder, HotFolderMode::Send)).unwrap();
        assert_eq!(hf.status, HotFolderStatus::NotWatched, "no watch started yet");
        let good = letters(&folder, "good", 2);
        let shas: Vec<String> = good.iter().map(|p| sha256(p)).collect();
        std::fs::write(folder.join("broken.pdf"), b"%PDF-1.7 this is no PDF at all").unwrap();
        // Not taken: hidden, other types, a folder.
        std::fs::write(folder.join(".partial.pdf"), b"x").unwrap();
        std::fs::write(folder.join("notes.docx"), b"x").unwrap();

        let (taken, _) = app.scan_hot_folders().await.unwrap();
        assert_eq!(taken.len(), 3, "{taken:?}");
        let bad = taken.iter().find(|t| t.name == "broken.pdf").unwrap();
        assert_eq!(bad.outcome.as_deref(), Some("needs_attention"));
        for t in taken.iter().filter(|t| t.name != "broken.pdf") {
            assert_eq!(t.outcome.as_deref(), Some("sent"), "{t:?}");
            until_with_provider(&app, t.letters[0]).await;
        }
        for s in &shas {
            assert_eq!(copies_at_sim(&sim, s), 1);
        }
        let desk = app.drafts().unwrap();
        assert_eq!(desk.len(), 1, "the bad one waits on the desk");
        assert_eq!(desk[0].file_name, "broken.pdf");
        assert!(desk[0].has_blocking_finding(), "with its findings: {:?}", desk[0].preflight.findings);
        assert_eq!(desk[0].path, folder.join(ATTENTION_DIR).join("broken.pdf").display().to_string());
        assert_eq!(files_in(&folder), vec![".partial.pdf".to_string(), "notes.docx".into()]);
        assert_eq!(files_in(&folder.join(ATTENTION_DIR)), vec!["broken.pdf".to_string(), "broken.pdf.txt".into()]);
        let why = std::fs::read_to_string(note_path(&folder.join(ATTENTION_DIR).join("broken.pdf"))).unwrap();
        assert!(why.contains("waits on the desk") && why.contains('['), "{why}");
        let sent = files_in(&folder.join(SENT_DIR));
        assert_eq!(sent.len(), 4, "{sent:?}");
        let note = std::fs::read_to_string(folder.join(SENT_DIR).join("good-0.pdf.txt")).unwrap();
        assert!(note.contains("Erika Muster good 0") && note.contains("outbox"), "{note}");
        let f = &app.hot_folders().unwrap()[0];
        assert_eq!((f.taken, f.needs_attention), (3, 1));

        // The same file again: the duplicate guard holds it on the desk.
        std::fs::copy(folder.join(SENT_DIR).join("good-0.pdf"), folder.join("good-0.pdf")).unwrap();
        let (again, _) = app.scan_hot_folders().await.unwrap();
        assert_eq!(again[0].outcome.as_deref(), Some("needs_attention"));
        assert_eq!(copies_at_sim(&sim, &shas[0]), 1);
        let why = std::fs::read_to_string(note_path(again[0].moved_to.as_ref().unwrap())).unwrap();
        assert!(why.contains("[duplicate]"), "{why}");
    });
}

#[test]
fn desk_mode_split_rule_and_own_options_reach_the_letters() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let Setup { sim, dir: _dir, folder, app } = setup("Merge", Duration::ZERO).await;
        let mut s = settings(&app, &folder, HotFolderMode::Desk);
        s.split = Some(SplitRule::Address);
        let mut own = app.account(s.company_id).unwrap().defaults;
        own.color = !own.color;
        own.duplex = !own.duplex;
        s.options = Some(own.clone());
        app.save_hot_folder(None, s).unwrap();
        let (merged, expected) = postdesk_pdf::sample::merged_letters(5);
        std::fs::write(folder.join("serial.pdf"), merged).unwrap();
        let (taken, _) = app.scan_hot_folders().await.unwrap();
        assert_eq!(taken[0].outcome.as_deref(), Some("needs_attention"), "desk mode: waits for a look");
        let desk = app.drafts().unwrap();
        assert_eq!(desk.len(), expected.len(), "split by address");
        for (l, e) in desk.iter().zip(&expected) {
            assert_eq!(l.pages, e.pages);
            assert_eq!(l.options, own, "the folder's own options");
            assert_eq!(l.state, LetterState::Draft);
            assert!(l.source_folder.is_some());
        }
        assert!(sim.letters().is_empty(), "nothing goes out of a desk folder");
        // The desk's letters send from the file's new place.
        let ids: Vec<i64> = desk.iter().map(|l| l.id).collect();
        app.start_workers();
        let r = app.send_checked(&ids, false).unwrap();
        assert_eq!(r.queued.len(), expected.len());
        for id in ids {
            until_with_provider(&app, id).await;
        }
    });
}

#[test]
fn a_file_still_being_written_is_not_taken_until_it_settles() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let stable = Duration::from_millis(400);
        let Setup { sim: _sim, dir, folder, app } = setup("Slow", stable).await;
        app.save_hot_folder(None, settings(&app, &folder, HotFolderMode::Desk)).unwrap();
        let whole = std::fs::read(&letters(dir.path(), "slow", 1)[0]).unwrap();
        let target = folder.join("slow.pdf");
        std::fs::write(&target, &whole[..whole.len() / 2]).unwrap();
        let (t, waiting) = app.scan_hot_folders().await.unwrap();
        assert!(t.is_empty() && waiting, "just arrived: waits");
        tokio::time::sleep(Duration::from_millis(250)).await;
        std::fs::write(&target, &whole).unwrap();
        tokio::time::sleep(Duration::from_millis(250)).await;
        let (t, waiting) = app.scan_hot_folders().await.unwrap();
        assert!(t.is_empty() && waiting, "it grew since: still waits");
        tokio::time::sleep(stable + Duration::from_millis(50)).await;
        let (t, _) = app.scan_hot_folders().await.unwrap();
        assert_eq!(t.len(), 1);
        let l = app.store().letter(t[0].letters[0]).unwrap();
        assert!(!l.has_blocking_finding(), "the whole file was taken: {:?}", l.preflight.findings);
        assert_eq!(l.bytes, whole.len() as u64);
    });
}

/// Records what the watch tells the window.
#[derive(Default)]
struct Told(std::sync::Mutex<Vec<postdesk_core::HotFolderTook>>);

impl postdesk_core::EventSink for Told {
    fn letter_changed(&self, _: &postdesk_core::Letter) {}
    fn drafts_changed(&self, _: i64) {}
    fn hot_folder_took(&self, took: &postdesk_core::HotFolderTook) {
        self.0.lock().unwrap().push(took.clone());
    }
}

#[test]
fn the_watch_takes_files_as_they_arrive_and_only_one_process_watches() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(20), Duration::ZERO)).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let folder = dir.path().join("Watched");
        std::fs::create_dir(&folder).unwrap();
        let svc = common::service("hotwatch");
        let stable = Duration::from_millis(200);
        let told = Arc::new(Told::default());
        let a = Postdesk::open(options(&data, sim.base_url(), &svc, stable), told.clone()).await.unwrap();
        let b = Postdesk::open(options(&data, sim.base_url(), &svc, stable), Arc::new(NoEvents)).await.unwrap();
        a.save_hot_folder(None, settings(&a, &folder, HotFolderMode::Desk)).unwrap();
        a.start_hot_folders();
        until("a watches", Duration::from_secs(5), || a.hot_folders().unwrap()[0].status == HotFolderStatus::Watching).await;
        b.start_hot_folders();
        until("b sees a watch", Duration::from_secs(5), || b.hot_folders().unwrap()[0].status == HotFolderStatus::WatchedElsewhere).await;
        let (none, _) = b.scan_hot_folders().await.unwrap();
        assert!(none.is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(data.join("hotfolders.lock")).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "owner-only, as the data folder's other files");
        }
        letters(&folder, "w", 3);
        until("three taken", Duration::from_secs(20), || files_in(&folder.join(ATTENTION_DIR)).len() == 6).await;
        assert_eq!(a.drafts().unwrap().len(), 3);
        assert_eq!(files_in(&folder), Vec::<String>::new());
        // The window was told, per round: three files, none sent (a desk folder).
        until("told", Duration::from_secs(5), || told.0.lock().unwrap().iter().map(|t| t.attention_files).sum::<u32>() == 3).await;
        for t in told.0.lock().unwrap().iter() {
            assert_eq!((t.sent_files, t.letters), (0, t.attention_files), "{t:?}");
            assert_eq!(Path::new(&t.folder), folder.canonicalize().unwrap());
        }
    });
}

#[test]
fn paths_a_hot_folder_refuses() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let sim = Sim::start(SimConfig::fast(Duration::from_millis(20), Duration::ZERO)).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let app = Postdesk::open(options(&data, sim.base_url(), &common::service("hotpaths"), Duration::ZERO), Arc::new(NoEvents)).await.unwrap();
        let ok = dir.path().join("In");
        std::fs::create_dir_all(ok.join("Sub")).unwrap();
        std::fs::write(dir.path().join("file.pdf"), b"x").unwrap();
        app.save_hot_folder(None, settings(&app, &ok, HotFolderMode::Send)).unwrap();
        let code = |p: PathBuf| AppError::from(&app.save_hot_folder(None, settings(&app, &p, HotFolderMode::Send)).unwrap_err()).code;
        assert_eq!(code(PathBuf::from("relative/folder")), "hot_folder_not_absolute");
        assert_eq!(code(dir.path().join("nowhere")), "hot_folder_not_a_folder");
        assert_eq!(code(dir.path().join("file.pdf")), "hot_folder_not_a_folder");
        assert_eq!(code(data.join("archive")), "hot_folder_inside_data");
        assert_eq!(code(dir.path().to_path_buf()), "hot_folder_inside_data", "holds the data folder");
        assert_eq!(code(ok.clone()), "hot_folder_duplicate");
        assert_eq!(code(ok.join("Sub")), "hot_folder_duplicate", "inside another hot folder");
        assert_eq!(app.hot_folders().unwrap().len(), 1);
    });
}

#[test]
fn a_folder_with_a_send_on_day_schedules_its_letters() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let Setup { sim, dir: _dir, folder, app } = setup("Later", Duration::ZERO).await;
        app.start_workers();
        let mut s = settings(&app, &folder, HotFolderMode::Send);
        let in_two_days = app.now_ms() + 2 * 24 * 60 * 60 * 1000;
        s.send_on = Some(postdesk_core::SendOn { date: "2026-12-24".into(), at_ms: in_two_days });
        app.save_hot_folder(None, s.clone()).unwrap();
        letters(&folder, "later", 1);
        let (taken, _) = app.scan_hot_folders().await.unwrap();
        assert_eq!(taken[0].outcome.as_deref(), Some("sent"), "in the outbox: the file goes to sent/");
        let l = app.store().letter(taken[0].letters[0]).unwrap();
        assert_eq!(l.state, LetterState::Scheduled);
        assert_eq!(l.send_on.as_deref(), Some("2026-12-24"));
        let note = std::fs::read_to_string(note_path(taken[0].moved_to.as_ref().unwrap())).unwrap();
        assert!(note.contains("scheduled to go out on 2026-12-24"), "{note}");
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(sim.letters().is_empty(), "not before its day");
        // A day more than a year ahead is refused when saving.
        s.send_on = Some(postdesk_core::SendOn { date: "2028-12-24".into(), at_ms: app.now_ms() + 800 * 24 * 60 * 60 * 1000 });
        let e = AppError::from(&app.save_hot_folder(Some(1), s).unwrap_err());
        assert_eq!(e.code, "send_on_out_of_range");
    });
}
