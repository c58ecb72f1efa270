#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Reminders: which are due when, and that they arrive at an SMTP receiver (started by the
//! test on the loopback address) exactly once.

use shinchoku_commands::accounts::{AccountSpec, add_account};
use shinchoku_commands::cycle::{open_year, review_record};
use shinchoku_commands::remind::{
    NoticeKind, SmtpSettings, TlsMode, due_notices, send_due, set_smtp_settings, smtp_settings,
};
use shinchoku_commands::{Actor, ImportedDocument, RecordField, import_document};
use shinchoku_core::cycle::{Date, Transition};
use shinchoku_core::{
    Assignment, Division, DivisionKey, FiscalYear, Location, Measure, MeasureKey, Plan, PlanId,
    PlanKind, RecordKey,
};
use shinchoku_store::{Role, Store};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// A mail as the receiver got it.
#[derive(Debug, Clone, Default)]
struct Mail {
    from: String,
    to: Vec<String>,
    data: String,
}

/// A minimal SMTP receiver (RFC 5321 happy path) on 127.0.0.1; returns its port and the
/// mails it received.
async fn smtp_receiver() -> (u16, Arc<Mutex<Vec<Mail>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let mails = Arc::new(Mutex::new(Vec::new()));
    let store = mails.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut mail = Mail::default();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        write
                            .write_all(b"250-test\r\n250 8BITMIME\r\n")
                            .await
                            .unwrap();
                    } else if upper.starts_with("MAIL FROM:") {
                        mail = Mail {
                            from: line[10..].trim().to_owned(),
                            ..Mail::default()
                        };
                        write.write_all(b"250 OK\r\n").await.unwrap();
                    } else if upper.starts_with("RCPT TO:") {
                        mail.to.push(line[8..].trim().to_owned());
                        write.write_all(b"250 OK\r\n").await.unwrap();
                    } else if upper == "DATA" {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            mail.data.push_str(&l);
                            mail.data.push('\n');
                        }
                        store.lock().unwrap().push(mail.clone());
                        write.write_all(b"250 queued\r\n").await.unwrap();
                    } else if upper == "QUIT" {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        write.write_all(b"250 OK\r\n").await.unwrap();
                    }
                }
            });
        }
    });
    (port, mails)
}

fn plan() -> Plan {
    let mut p = Plan::new("清瀬市", "清瀬市自殺対策計画", PlanKind::SuicidePrevention);
    for d in ["企画課", "健康推進課"] {
        p.divisions.push(Division {
            key: DivisionKey::new(d),
            name: d.into(),
            department: None,
            external: false,
            renames: vec![],
        });
    }
    for (k, d) in [("1", "企画課"), ("2", "健康推進課")] {
        p.measures.push(Measure {
            key: MeasureKey::new(k),
            number: Some(k.into()),
            name: format!("事業{k}"),
            description: None,
            audience: None,
            plan_page: None,
            location: Location::new("p.txt", 1),
        });
        p.assignments.push(Assignment {
            measure: MeasureKey::new(k),
            division: DivisionKey::new(d),
            location: Location::new("p.txt", 1),
        });
    }
    p
}

async fn setup() -> (Store, PlanId) {
    let store = Store::in_memory().await.unwrap();
    let doc = ImportedDocument {
        file_name: "p.txt".into(),
        sha256: "p".into(),
        layout: "kiyose".into(),
        plans: vec![plan()],
        diagnostics: vec![],
        stated_ids: vec![],
    };
    let id = import_document(&store, &doc, &Actor::command_line("import"))
        .await
        .unwrap()
        .plans[0]
        .id;
    open_year(
        &store,
        id,
        FiscalYear(2025),
        Date::new(2026, 5, 31).unwrap(),
        &Actor::command_line("事務局"),
    )
    .await
    .unwrap();
    for (login, division, email) in [
        ("kikaku", "企画課", Some("kikaku@city.example.jp")),
        ("kenko", "健康推進課", Some("kenko@city.example.jp")),
        ("nomail", "健康推進課", None),
    ] {
        add_account(
            &store,
            AccountSpec {
                login: login.into(),
                display_name: format!("{division} 担当"),
                email: email.map(str::to_owned),
                role: Role::Editor,
                scope: "清瀬市".into(),
                divisions: vec![division.into()],
            },
            "long enough password",
        )
        .await
        .unwrap();
    }
    (store, id)
}

#[tokio::test]
async fn reminders_are_due_by_date_and_arrive_exactly_once() {
    let (store, id) = setup().await;
    let base = "https://shinchoku.example.jp";
    // A month before the due date: nothing.
    let early = due_notices(&store, None, Date::new(2026, 4, 30).unwrap(), base)
        .await
        .unwrap();
    assert!(early.is_empty(), "{early:?}");

    // 企画課 submits; 健康推進課 does not.
    let stored = store.load(id).await.unwrap().unwrap();
    let rec = |m: &str, d: &str| {
        stored
            .ids
            .record(&RecordKey {
                measure: MeasureKey::new(m),
                division: Some(DivisionKey::new(d)),
                fiscal_year: FiscalYear(2025),
            })
            .unwrap()
    };
    let kikaku = rec("1", "企画課");
    review_record(
        &store,
        kikaku.id,
        &[(RecordField::ResultText, "実施した".into())],
        Transition::Submit,
        None,
        Some(kikaku.revision),
        &Actor::form("企画課 担当"),
    )
    .await
    .unwrap();

    // A week before: one due-soon reminder, to the division that still owes.
    let soon = due_notices(&store, None, Date::new(2026, 5, 24).unwrap(), base)
        .await
        .unwrap();
    assert_eq!(soon.len(), 1, "{soon:?}");
    assert_eq!(soon[0].kind, NoticeKind::DueSoon);
    assert_eq!(soon[0].to, "kenko@city.example.jp");
    assert!(
        soon[0]
            .body
            .contains("提出期限は 2026年5月31日（令和8年5月31日） です（あと7日）"),
        "{}",
        soon[0].body
    );
    assert!(soon[0].body.contains("・事業2（健康推進課）：未着手"));
    assert!(soon[0].body.contains("https://shinchoku.example.jp/work"));

    let (port, mails) = smtp_receiver().await;
    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        tls: TlsMode::None,
        from: "事務局 <jimukyoku@city.example.jp>".into(),
        username: None,
        password: None,
        base_url: "https://shinchoku.example.jp".into(),
    };
    set_smtp_settings(&store, &settings).await.unwrap();
    assert_eq!(smtp_settings(&store).await.unwrap(), Some(settings.clone()));

    let report = send_due(&store, &settings, soon.clone(), false)
        .await
        .unwrap();
    assert_eq!(
        (report.sent.len(), report.skipped, report.failed.len()),
        (1, 0, 0)
    );
    // Run again (a cron job every hour): nothing twice.
    let again = due_notices(&store, None, Date::new(2026, 5, 25).unwrap(), base)
        .await
        .unwrap();
    let report = send_due(&store, &settings, again, false).await.unwrap();
    assert_eq!((report.sent.len(), report.skipped), (0, 1));
    {
        let got = mails.lock().unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].to, vec!["<kenko@city.example.jp>"]);
        assert!(got[0].from.contains("jimukyoku@city.example.jp"));
        assert!(got[0].data.contains("Subject:"), "{}", got[0].data);
    }

    // Overdue: one per week overdue.
    let day1 = due_notices(&store, None, Date::new(2026, 6, 1).unwrap(), base)
        .await
        .unwrap();
    assert_eq!(day1[0].kind, NoticeKind::Overdue);
    assert!(day1[0].body.contains("を1日過ぎています"));
    send_due(&store, &settings, day1, false).await.unwrap();
    let day5 = due_notices(&store, None, Date::new(2026, 6, 5).unwrap(), base)
        .await
        .unwrap();
    assert_eq!(
        send_due(&store, &settings, day5, false)
            .await
            .unwrap()
            .sent
            .len(),
        0
    );
    let day8 = due_notices(&store, None, Date::new(2026, 6, 8).unwrap(), base)
        .await
        .unwrap();
    assert_eq!(
        send_due(&store, &settings, day8, false)
            .await
            .unwrap()
            .sent
            .len(),
        1
    );

    // A send-back notice goes to the division's editors once.
    review_record(
        &store,
        kikaku.id,
        &[],
        Transition::SendBack,
        Some("実施回数を書いてください"),
        None,
        &Actor::form("事務局"),
    )
    .await
    .unwrap();
    let after = due_notices(&store, None, Date::new(2026, 6, 9).unwrap(), base)
        .await
        .unwrap();
    let sent_back: Vec<_> = after
        .iter()
        .filter(|n| n.kind == NoticeKind::SentBack)
        .collect();
    assert_eq!(sent_back.len(), 1);
    assert_eq!(sent_back[0].to, "kikaku@city.example.jp");
    assert!(sent_back[0].body.contains("理由：実施回数を書いてください"));
    let report = send_due(&store, &settings, after, false).await.unwrap();
    // The send-back notice, and 企画課's record now owed again (overdue); 健康推進課's
    // overdue reminder of this week was sent already.
    let kinds: Vec<(NoticeKind, &str)> = report
        .sent
        .iter()
        .map(|n| (n.kind, n.to.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (NoticeKind::SentBack, "kikaku@city.example.jp"),
            (NoticeKind::Overdue, "kikaku@city.example.jp")
        ]
    );
    assert_eq!(report.skipped, 1);
    assert_eq!(mails.lock().unwrap().len(), 5);
}

#[tokio::test]
async fn a_notice_that_cannot_be_sent_is_sent_by_the_next_run() {
    let (store, _) = setup().await;
    // Nobody listens on this port (bound, then dropped).
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        tls: TlsMode::None,
        from: "jimukyoku@city.example.jp".into(),
        username: None,
        password: None,
        base_url: "https://shinchoku.example.jp".into(),
    };
    let due = due_notices(&store, None, Date::new(2026, 5, 30).unwrap(), "http://x")
        .await
        .unwrap();
    assert_eq!(due.len(), 2);
    let report = send_due(&store, &settings, due.clone(), false)
        .await
        .unwrap();
    assert_eq!((report.sent.len(), report.failed.len()), (0, 2));
    let (port, mails) = smtp_receiver().await;
    let settings = SmtpSettings { port, ..settings };
    let report = send_due(&store, &settings, due, false).await.unwrap();
    assert_eq!(report.sent.len(), 2);
    assert_eq!(mails.lock().unwrap().len(), 2);
    // Bad settings are refused with the field named.
    let bad = set_smtp_settings(
        &store,
        &SmtpSettings {
            from: "not an address".into(),
            ..settings
        },
    )
    .await;
    assert!(
        bad.err()
            .map(|e| e.to_string())
            .is_some_and(|m| m.starts_with("from:"))
    );
}
