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
    let mut sidecar = std::fs::read_to_string(corpus.join("sources.toml")).unwrap();
    sidecar.push_str(
        "\n[\"hostile.txt\"]\noutlet = \"<b>Hostile</b> Gazette\"\nurl = \"https://example.org/raid?a=1&b=2\"\n",
    );
    std::fs::write(corpus.join("sources.toml"), sidecar).unwrap();
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

    // The sources panel names each outlet, as text, and links the original.
    assert!(page_dom.contains("&lt;b&gt;Hostile&lt;/b&gt; Gazette"), "the outlet is text");
    assert!(page_dom.contains("<a href=\"https://example.org/raid?a=1&amp;b=2\""), "the original is linked");
    // The conflicting figures are drawn on one axis.
    let conflict = visible(&page_dom)
        .into_iter()
        .find(|s| {
            s.contains("data-rule=\"quantity-conflict\"") && s.contains("<mark>170 undocumented immigrants</mark>")
        })
        .expect("the conflict");
    assert!(conflict.contains("<svg") && conflict.contains("figures on one axis"), "{conflict}");

    let errors = all.iter().filter(|f| f["severity"] == "error").count();
    let by_severity = dom(&browser, &profile, &page, "#severity=error");
    assert_eq!(visible(&by_severity).len(), errors, "the severity filter shows the errors");
    let searched = dom(&browser, &profile, &page, "#q=gang%20members");
    let found = visible(&searched);
    assert!(!found.is_empty() && found.len() < all.len());
    assert!(found.iter().all(|s| s.contains("gang members")), "the search shows only findings with those words");

    // A dismissed finding reads as dismissed, and the review filter finds it.
    let fingerprint = all
        .iter()
        .find(|f| f["status"] == "discrepancy" && f["message"].as_str().unwrap().contains("170"))
        .and_then(|f| f["fingerprint"].as_str())
        .unwrap();
    Command::cargo_bin("crosscheck")
        .unwrap()
        .args(["review", fingerprint, "--dismiss", "--note", "typo in the hostile copy", "--corpus"])
        .arg(&corpus)
        .assert()
        .success();
    let reviewed = dir.path().join("reviewed.html");
    Command::cargo_bin("crosscheck").unwrap().args(["check", "-o"]).arg(&reviewed).arg(&corpus).assert().code(0);
    let reviewed_dom = dom(&browser, &profile, &reviewed, "#review=dismissed");
    let shown = visible(&reviewed_dom);
    assert_eq!(shown.len(), 1, "the review filter shows the dismissed finding");
    assert!(shown[0].contains("badge dismissed") && shown[0].contains("typo in the hostile copy"));

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
