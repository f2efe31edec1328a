//! The HTML report as a reader sees it: rendered in headless Chromium
//! (Debian's `chromium`, which `.ci/run` installs). The page runs its
//! filters from the address, shows exactly the findings asked for, and
//! article text that holds markup stays text. Without a browser the test is
//! skipped, unless CROSSCHECK_BROWSER_TESTS=required (as in CI) makes that a
//! failure.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CROSSCHECK_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

fn browser() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        let required = std::env::var("CROSSCHECK_BROWSER_TESTS").is_ok_and(|v| v == "required");
        assert!(!required, "CROSSCHECK_BROWSER_TESTS=required but no chromium on PATH");
        eprintln!("skipped: no chromium on PATH (install Debian's chromium to run this test)");
    }
    found
}

/// Chromium with the flags that keep it off the network and alone.
fn headless(browser: &Path, profile: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=3000",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

fn dom(browser: &Path, profile: &Path, page: &Path, hash: &str) -> String {
    let out = headless(browser, profile)
        .arg("--dump-dom")
        .arg(format!("file://{}{hash}", page.display()))
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The findings sections the reader sees (not hidden by a filter).
fn visible(dom: &str) -> Vec<&str> {
    dom.split("<section class=\"finding").skip(1).filter(|s| !s[..s.find('>').unwrap()].contains(" hidden")).collect()
}

#[test]
fn the_report_page_filters_and_escapes_as_a_reader_sees_it() {
    let Some(browser) = browser() else { return };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(root.join("corpus/seeds")).unwrap().flatten() {
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    std::fs::write(
        corpus.join("hostile.txt"),
        " date 2017-09-28 <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> \
         Federal immigration officials arrested 170 undocumented immigrants living in Philadelphia during a four-day operation.\n",
    )
    .unwrap();
    let page = dir.path().join("report.html");
    Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "html", "-o"])
        .arg(&page)
        .arg(&corpus)
        .assert()
        .code(1);
    let json = Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(&corpus)
        .output()
        .unwrap()
        .stdout;
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let all = report["findings"].as_array().unwrap();
    let discrepancies = all.iter().filter(|f| f["status"] == "discrepancy").count();
    let profile = dir.path().join("profile");

    let page_dom = dom(&browser, &profile, &page, "#status=discrepancy");
    assert!(page_dom.contains("<title>crosscheck report</title>"), "no script from the corpus ran");
    assert_eq!(visible(&page_dom).len(), discrepancies, "the status filter shows the discrepancies");
    assert!(page_dom.contains(&format!("{discrepancies} of {} findings shown", all.len())));
    assert!(
        page_dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        "the article's markup is shown as text"
    );
    assert!(!page_dom.contains("<img src=\"x\""), "the article's markup made no element");
    assert!(page_dom.contains("<mark>170 undocumented immigrants</mark>"), "the claim is highlighted");

    let by_source = dom(&browser, &profile, &page, "#source=hostile.txt");
    let shown = visible(&by_source);
    assert!(!shown.is_empty() && shown.len() < all.len());
    assert!(shown.iter().all(|s| s.contains("hostile.txt")), "the source filter shows only that source's findings");

    let shot = dir.path().join("shot.png");
    let status = headless(&browser, &profile)
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,1600")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(status.status.success());
    let png = std::fs::read(&shot).expect("a screenshot was taken");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 20_000, "the page renders to a picture");
}
