//! `touming serve` against a real server on 127.0.0.1: an edit shows up, a content
//! error shows as an overlay (with file:line and message) and clears when fixed, a
//! WebSocket client is told to reload, 404s, drafts and `--poll`. Every wait is bounded.

mod serve_support;

use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serve_support::{BOUND, Server, fixture, poll};
use tokio_tungstenite::tungstenite::Message;

const MEETING: &str = "platforms/danjiang-bridge/meetings/2019-05-10-pledge.md";
const URL: &str = "/platforms/danjiang-bridge/meetings/2019-05-10-pledge/";
const OLD: &str = "施工廠商與監造廠商共同簽署廉政宣言。";

#[test]
fn serve_live_edit_error_and_fix() {
    let server = Server::start(&fixture(), false);
    let (status, body) = server.get(URL);
    assert_eq!(status, 200);
    assert!(body.contains(OLD), "the meeting page shows its decision");
    assert!(
        body.contains("/__touming/livereload.js"),
        "serve adds the reload script"
    );
    let built = server.handle.file(&format!("{}index.html", &URL[1..])).unwrap();
    assert!(
        !String::from_utf8_lossy(&built).contains("__touming"),
        "never in the built page"
    );

    let text = server.read(MEETING);
    let written = Instant::now();
    let n = server.events();
    server.write(MEETING, &text.replace(OLD, "決議已修改 EDIT-CANARY-1"));
    let took = poll(BOUND, || server.get(URL).1.contains("EDIT-CANARY-1"));
    let took = took.expect("the edit shows within 5 s");
    let summary = server.wait_change(n, MEETING);
    eprintln!(
        "write → page shows the edit: {took:?} (server: event → visible {:?})",
        summary.visible
    );
    assert!(
        summary.urgent.iter().any(|p| p.contains("2019-05-10-pledge")),
        "{summary:?}"
    );
    assert!(written.elapsed() < BOUND);

    let builds = server.builds();
    let edited = server.read(MEETING);
    server.write(MEETING, &edited.replace("date: 2019-05-10", "date: 2019-13-45"));
    let shown = poll(BOUND, || server.get(URL).1.contains("touming-overlay"));
    shown.expect("the overlay shows within 5 s");
    let (status, body) = server.get(URL);
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("EDIT-CANARY-1"), "with the last good content");
    assert!(
        body.contains("2019-05-10-pledge.md:4:7"),
        "file:line:col in the overlay"
    );
    assert!(body.contains("月份須為 1 到 12"), "the message in the overlay");
    assert!(body.contains("date: 2019-13-45"), "the offending line");
    assert!(server.builds() > builds);

    server.write(MEETING, &edited);
    let cleared = poll(BOUND, || !server.get(URL).1.contains("touming-overlay"));
    cleared.expect("the overlay clears within 5 s of the fix");
    assert!(server.get(URL).1.contains("EDIT-CANARY-1"));
    server.stop();
}

#[test]
fn serve_websocket_reload() {
    let server = Server::start(&fixture(), false);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let url = format!("ws://{}/__touming/ws", server.addr());
    rt.block_on(async {
        let connect = tokio_tungstenite::connect_async(url);
        let (mut ws, _) = tokio::time::timeout(BOUND, connect)
            .await
            .expect("connects in time")
            .unwrap();
        ws.send(Message::Text(URL.into())).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await; // the server learns the page
        let text = server.read(MEETING);
        server.write(MEETING, &text.replace(OLD, "決議已修改 WS-CANARY"));
        let msg = tokio::time::timeout(BOUND, ws.next())
            .await
            .expect("a message within 5 s");
        assert_eq!(msg.unwrap().unwrap(), Message::Text("reload".into()));
        let _ = ws.close(None).await;
    });
    assert!(server.get(URL).1.contains("WS-CANARY"));
    server.stop();
}

#[test]
fn serve_not_found_and_directories() {
    let server = Server::start(&fixture(), false);
    let (status, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        body.contains("/__touming/livereload.js"),
        "the site's 404 page, in serve mode"
    );
    let (status, _) = server.get("/platforms/danjiang-bridge");
    assert_eq!(status, 308, "a folder without its slash redirects");
    assert_eq!(server.get("/static/style.css").0, 200);
    assert_eq!(server.get("/__touming/livereload.js").0, 200);
    assert_eq!(server.get("/../Cargo.toml").0, 400);
    server.stop();
}

#[test]
fn serve_drafts_only_when_asked() {
    let draft = "/platforms/danjiang-bridge/meetings/2021-06-01-draft/";
    let server = Server::start(&fixture(), false);
    assert_eq!(server.get(draft).0, 404);
    server.stop();
    let server = Server::start(&fixture(), true);
    let (status, body) = server.get(draft);
    assert_eq!(status, 200);
    assert!(body.contains("DRAFTCANARY"));
    server.stop();
}

#[test]
fn serve_poll_watcher() {
    let server = Server::start_with(&fixture(), |o| o.poll = true);
    let text = server.read(MEETING);
    server.write(MEETING, &text.replace(OLD, "決議已修改 POLL-CANARY"));
    let took = poll(BOUND, || server.get(URL).1.contains("POLL-CANARY"));
    eprintln!(
        "--poll: write → page shows the edit: {:?}",
        took.expect("the edit shows within 5 s")
    );
    server.stop();
}

/// Issue 2: while site.yaml has no title, serve lists the problems of every other file as
/// well (it used to list site.yaml's alone), keeps the last good pages, and serves the
/// site again once site.yaml is fixed.
#[test]
fn issue_2_serve_lists_every_problem_while_site_yaml_is_broken() {
    let server = Server::start(&fixture(), false);
    assert_eq!(server.get(URL).0, 200);
    let site_yaml = server.read("site.yaml");
    let text = server.read(MEETING);
    server.write(MEETING, &text.replace("date: 2019-05-10", "date: 2019-13-45"));
    server.write("site.yaml", &site_yaml.replacen("title:", "titel:", 1));
    let both = || {
        server.events.lock().unwrap().iter().any(|e| match e {
            touming::serve::ServeEvent::Failed { diags, .. } => {
                let text = diags.to_string();
                text.contains("site.yaml") && text.contains("2019-05-10-pledge.md:4:7")
            }
            _ => false,
        })
    };
    poll(BOUND, both).expect("one failed rebuild lists both problems");
    assert_eq!(server.get(URL).0, 200, "the last good page is still served");
    let n = server.events();
    server.write(MEETING, &text);
    server.write("site.yaml", &site_yaml);
    server.wait_change(n, "site.yaml");
    assert!(!server.get(URL).1.contains("touming-overlay"), "fixed: no overlay");
    server.stop();
}
