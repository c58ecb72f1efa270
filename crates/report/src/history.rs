//! The history of changes as people read it: text lines and CSV (BOM, CRLF, formula-like
//! cells neutralised) — for `shinchoku history` and the web's history downloads.

use crate::cells::neutralise;
use shinchoku_store::{Action, HistoryEvent};

/// `2026-12-02T06:20:11.123Z` for milliseconds since the Unix epoch.
pub fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = shinchoku_core::fiscal::civil_from_unix_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A JSON value as people read it: strings without quotes, absent as 「（なし）」.
pub fn value_text(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "（なし）".to_owned(),
        Some(serde_json::Value::String(s)) => s.clone(),
        // Parsed values keep the text they were read from (status, achievement, direction).
        Some(serde_json::Value::Object(o))
            if o.get("original")
                .and_then(|v| v.as_str())
                .is_some_and(|s| !s.is_empty()) =>
        {
            o.get("original")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        }
        Some(other) => other.to_string(),
    }
}

fn entity_text(e: &HistoryEvent) -> String {
    let key = e.entity_key.replace('\u{1f}', " / ");
    match e.entity_id {
        Some(id) => format!("{} {id} [{key}]", e.kind),
        None => format!("plan {}", e.plan_id),
    }
}

/// One line per event.
pub fn render_text(events: &[HistoryEvent]) -> String {
    let mut out = String::new();
    for e in events {
        let what = match e.action {
            Action::Updated => format!(
                "{}: {} → {}",
                e.field.as_deref().unwrap_or("?"),
                value_text(e.old.as_ref()),
                value_text(e.new.as_ref())
            ),
            other => other.as_str().to_owned(),
        };
        out.push_str(&format!(
            "{}  {}  {what}  (rev {}; {} by {}; {})\n",
            utc(e.at_ms),
            entity_text(e),
            e.revision,
            e.command,
            e.actor,
            e.provenance
        ));
    }
    if events.is_empty() {
        out.push_str("（履歴はありません）\n");
    }
    out
}

/// CSV with BOM and CRLF (Excel opens it as is), formula-like cells neutralised.
pub fn render_csv(events: &[HistoryEvent]) -> Result<Vec<u8>, csv::Error> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record([
            "seq",
            "at",
            "actor",
            "command",
            "plan_id",
            "kind",
            "entity_id",
            "entity_key",
            "action",
            "field",
            "old_value",
            "new_value",
            "revision",
            "provenance",
        ])?;
        for e in events {
            let cells = [
                e.seq.to_string(),
                utc(e.at_ms),
                e.actor.clone(),
                e.command.clone(),
                e.plan_id.to_string(),
                e.kind.clone(),
                e.entity_id.map(|i| i.to_string()).unwrap_or_default(),
                e.entity_key.replace('\u{1f}', " / "),
                e.action.as_str().to_owned(),
                e.field.clone().unwrap_or_default(),
                e.old
                    .as_ref()
                    .map(|v| value_text(Some(v)))
                    .unwrap_or_default(),
                e.new
                    .as_ref()
                    .map(|v| value_text(Some(v)))
                    .unwrap_or_default(),
                e.revision.to_string(),
                e.provenance.to_string(),
            ];
            w.write_record(cells.iter().map(|c| neutralise(c).into_owned()))?;
        }
        w.flush().map_err(csv::Error::from)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The staff's history download: what people typed (a form's text, an actor's name) that a
    /// spreadsheet would run as a formula is written with a leading apostrophe.
    #[test]
    fn history_csv_cells_are_neutralised() {
        use shinchoku_core::{EntityId, PlanId, Provenance, Revision};
        let event = HistoryEvent {
            seq: 1,
            change: shinchoku_store::ChangeId(1),
            at_ms: 0,
            actor: "=cmd|' /C calc'!A0".into(),
            command: "@SUM(A1)".into(),
            plan_id: PlanId(1),
            entity_id: Some(EntityId(2)),
            kind: "record".into(),
            entity_key: "+1+2".into(),
            action: Action::Updated,
            field: Some("result_text".into()),
            old: Some(serde_json::json!("-=1")),
            new: Some(serde_json::json!("=HYPERLINK(\"http://evil\",\"x\")")),
            revision: Revision(2),
            provenance: Provenance::Form {
                user: "=1+1".into(),
            },
        };
        let csv = render_csv(&[event]).unwrap_or_default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(csv.get(3..).unwrap_or_default());
        let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
        assert_eq!(rows.len(), 1);
        for cell in rows[0].iter() {
            assert_eq!(neutralise(cell), std::borrow::Cow::Borrowed(cell), "{cell}");
            assert!(!cell.starts_with(['=', '@', '\t', '\r']), "{cell}");
        }
        assert_eq!(&rows[0][2], "'=cmd|' /C calc'!A0");
        assert_eq!(&rows[0][11], "'=HYPERLINK(\"http://evil\",\"x\")");
    }

    #[test]
    fn utc_formats_known_instants() {
        assert_eq!(utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(utc(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(utc(1_796_192_411_000), "2026-12-02T06:20:11.000Z");
        assert_eq!(utc(-1), "1969-12-31T23:59:59.999Z");
    }
}
