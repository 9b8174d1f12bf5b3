//! `POST /api/Letter`: validate, apply the duplicate failsafe, store, answer ids.

use super::status::{current_status, FAIL_PREFIX};
use super::validate::{self, count_pages};
use super::{authenticate, StoredLetter};
use crate::reply::{self, codes, error, parse_json, Reject};
use crate::server::AppState;
use crate::state::{now, Channel};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use postdesk_providers::epost::wire::{Letter, LetterAccepted, StatusId};
use sha2::{Digest, Sha256};
use time::Duration;

/// In a letter's fileName: the letter fails at the print centre (see `FAIL_PREFIX`).
const FILE_FAIL_MARK: &str = "sim-fail";

/// The failsafe looks back this far.
const DUPLICATE_WINDOW: Duration = Duration::hours(1);
const FIRST_LETTER_ID: i64 = 10_000_001;

pub async fn send(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> reply::Result<Json<Vec<LetterAccepted>>> {
    let caller = authenticate(&shared, &headers)?;
    let raw: Vec<serde_json::Map<String, serde_json::Value>> = parse_json(&body)?;
    if raw.is_empty() {
        return Err(Reject::bad_request(
            codes::EMPTY_BATCH,
            "the request contains no letter",
        ));
    }
    // Field checks first, without the lock.
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (i, object) in raw.iter().enumerate() {
        let letter: Letter = match serde_json::from_value(serde_json::Value::Object(object.clone()))
        {
            Ok(l) => l,
            Err(e) => {
                errors.push(error(codes::BAD_BODY, format!("letter {}: {e}", i + 1)));
                continue;
            }
        };
        match validate::check(letter) {
            Ok(c) => checked.push((c, object)),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(Reject::many(errors));
    }
    let step = shared.config.step;
    shared.change(|state| {
        let now = now();
        let mine = |l: &&StoredLetter| l.vendor_id == caller.vendor_id && l.ekp == caller.ekp;
        let mut errors = Vec::new();
        let mut batch: Vec<StoredLetter> = Vec::new();
        for (c, object) in checked {
            let sha256 = hex::encode(Sha256::digest(&c.pdf));
            let name = &c.letter.file_name;
            // CHOICE: fileName must be unique per account, across all its letters.
            let taken = state.epost.letters.iter().filter(mine).chain(batch.iter()).any(|l| &l.file_name == name);
            if taken {
                errors.push(error(codes::FILE_NAME_NOT_UNIQUE, format!("{name}: fileName is not unique")));
                continue;
            }
            let failsafe = c.letter.activate_duplicate_failsafe == Some(true);
            let duplicate = failsafe
                && state.epost.letters.iter().filter(mine).chain(batch.iter()).any(|l| {
                    l.duplicate_failsafe
                        && l.sha256 == sha256
                        && now - l.accepted_at < DUPLICATE_WINDOW
                        && current_status(l, step, now).status != StatusId::Error
                });
            if duplicate {
                errors.push(error(
                    codes::DUPLICATE,
                    format!("{name}: duplicate of a letter sent within the last hour (activateDuplicateFailsafe)"),
                ));
                continue;
            }
            let mut received = object.clone();
            received.remove("data");
            let test_flag = c.letter.test_flag == Some(true);
            let fail_code = c.letter.custom5.as_deref().and_then(|v| v.strip_prefix(FAIL_PREFIX)).map(|rest| {
                let code = rest.trim_start_matches(':');
                if code.is_empty() { codes::NO_ADDRESS.to_owned() } else { code.to_owned() }
            });
            // The same from the window, where custom5 is Postdesk's key: a file named
            // `…sim-fail…` (`…sim-fail-E613…` for another code) fails at the print centre.
            let fail_code = fail_code.or_else(|| {
                let rest = &name[name.find(FILE_FAIL_MARK)? + FILE_FAIL_MARK.len()..];
                let code: String = rest.strip_prefix('-').unwrap_or("").chars().take_while(char::is_ascii_alphanumeric).collect();
                Some(if code.starts_with('E') { code } else { codes::NO_ADDRESS.to_owned() })
            });
            batch.push(StoredLetter {
                letter_id: 0,
                vendor_id: caller.vendor_id.clone(),
                ekp: caller.ekp.clone(),
                file_name: name.clone(),
                received,
                sha256,
                bytes: c.pdf.len(),
                pages: count_pages(&c.pdf),
                accepted_at: now,
                duplicate_failsafe: failsafe,
                test_flag,
                pdf_base64: test_flag.then(|| c.letter.data.as_str().to_owned()),
                fail_code,
            });
        }
        if !errors.is_empty() {
            return Err(Reject::many(errors));
        }
        let mut answer = Vec::with_capacity(batch.len());
        for mut letter in batch {
            state.epost.next_letter_id = state.epost.next_letter_id.max(FIRST_LETTER_ID - 1) + 1;
            letter.letter_id = state.epost.next_letter_id;
            // Test mode: instead of an invoice, the test e-mail address is told
            // (CHOICE: at once, with the letterID for the TestResult call).
            let test_email = letter.received.get("testEMail").and_then(|v| v.as_str()).filter(|m| !m.is_empty()).map(str::to_owned);
            if let (true, Some(to)) = (letter.test_flag, test_email) {
                let body = format!(
                    "Test letter {} ({}) was received and checked. It will not be printed or posted. \
                     The processed PDF can be fetched for 48 hours (TestResult).",
                    letter.letter_id, letter.file_name
                );
                state.send_message(Channel::Email, &to, Some("E-POST test letter"), body, None);
            }
            answer.push(LetterAccepted { file_name: letter.file_name.clone(), letter_id: letter.letter_id });
            state.epost.letters.push(letter);
        }
        Ok(Json(answer))
    })
}
