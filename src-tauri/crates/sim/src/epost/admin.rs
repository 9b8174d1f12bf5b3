//! `/api/Client/…`: change the admin e-mail (code by SMS to the current mobile)
//! or mobile (code by e-mail to the current address), and test messages.

use super::login::take_code;
use super::{authenticate, random_code, PendingCode, Purpose};
use crate::reply::{self, codes, parse_json, Reject};
use crate::server::AppState;
use crate::state::{now, Channel};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use postdesk_providers::epost::wire::{EMailRequest, MobileRequest, SetEMail, SetMobile};
use time::Duration;

const CODE_VALIDITY: Duration = Duration::minutes(10);
/// CHOICE: the docs only say 429 means too many requests. We allow 5 admin-contact
/// code requests (e-mail and mobile together) per account in 10 minutes; the 6th
/// gets 429 with E004 and `Retry-After` until the oldest one leaves the window.
pub const MAX_CONTACT_REQUESTS: usize = 5;
const CONTACT_WINDOW: Duration = Duration::minutes(10);

fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    s.len() <= 100
        && s.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
}

fn looks_like_mobile(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (6..=20).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-/()".contains(c))
}

/// Store a code for `purpose` and send it over `channel` to the current contact.
fn send_code(
    shared: &AppState,
    headers: &HeaderMap,
    purpose: Purpose,
    channel: Channel,
) -> reply::Result<StatusCode> {
    let caller = authenticate(shared, headers)?;
    shared.change(|state| {
        let account = state
            .epost
            .account_mut(&caller.vendor_id, &caller.ekp)
            .ok_or_else(|| Reject::unauthorized(codes::NO_TOKEN, "unknown account"))?;
        let now = now();
        let since = (now - CONTACT_WINDOW).unix_timestamp();
        account.contact_requests.retain(|t| *t > since);
        if account.contact_requests.len() >= MAX_CONTACT_REQUESTS {
            let oldest = account.contact_requests.iter().min().copied().unwrap_or(since);
            let wait = Duration::seconds(oldest - since).max(Duration::seconds(1));
            let mut reject = Reject::new(
                StatusCode::TOO_MANY_REQUESTS,
                codes::TOO_MANY,
                "too many code requests; try again later",
            );
            reject.retry_after = Some(std::time::Duration::from_secs(wait.whole_seconds().max(1) as u64));
            return Err(reject);
        }
        account.contact_requests.push(now.unix_timestamp());
        let code = random_code(6);
        account.pending.retain(|p| std::mem::discriminant(&p.purpose) != std::mem::discriminant(&purpose));
        account.pending.push(PendingCode { purpose: purpose.clone(), code: code.clone(), expires_at: now + CODE_VALIDITY });
        let (to, subject, body) = match &purpose {
            Purpose::EMail { new_email } => (
                account.mobile.clone(),
                None,
                format!("E-POSTBUSINESS: code {code} confirms the new admin e-mail {new_email}. Valid for 10 minutes."),
            ),
            Purpose::Mobile { new_mobile } => (
                account.email.clone(),
                Some("E-POSTBUSINESS: confirm your new mobile number"),
                format!("Your code {code} confirms the new admin mobile number {new_mobile}. It is valid for 10 minutes."),
            ),
            Purpose::Password => unreachable!("not an admin contact change"),
        };
        state.send_message(channel, &to, subject, body, Some(code));
        Ok(StatusCode::ACCEPTED)
    })
}

pub async fn email_request(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> reply::Result<StatusCode> {
    let req: EMailRequest = parse_json(&body)?;
    if !looks_like_email(&req.new_email) {
        return Err(Reject::bad_request(
            codes::BAD_CONTACT,
            "newEMail is not an e-mail address",
        ));
    }
    send_code(
        &shared,
        &headers,
        Purpose::EMail {
            new_email: req.new_email.trim().to_owned(),
        },
        Channel::Sms,
    )
}

pub async fn mobile_request(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> reply::Result<StatusCode> {
    let req: MobileRequest = parse_json(&body)?;
    if !looks_like_mobile(&req.new_mobile) {
        return Err(Reject::bad_request(
            codes::BAD_CONTACT,
            "newMobile is not a mobile number",
        ));
    }
    send_code(
        &shared,
        &headers,
        Purpose::Mobile {
            new_mobile: req.new_mobile.trim().to_owned(),
        },
        Channel::Email,
    )
}

pub async fn set_email(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> reply::Result<StatusCode> {
    let req: SetEMail = parse_json(&body)?;
    let caller = authenticate(&shared, &headers)?;
    shared.change(|state| {
        let account = state
            .epost
            .account_mut(&caller.vendor_id, &caller.ekp)
            .ok_or_else(|| Reject::unauthorized(codes::NO_TOKEN, "unknown account"))?;
        let purpose = Purpose::EMail {
            new_email: req.new_email.trim().to_owned(),
        };
        take_code(&mut account.pending, &purpose, &req.sms_code)?;
        account.email = req.new_email.trim().to_owned();
        Ok(StatusCode::OK)
    })
}

pub async fn set_mobile(
    State(shared): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> reply::Result<StatusCode> {
    let req: SetMobile = parse_json(&body)?;
    let caller = authenticate(&shared, &headers)?;
    shared.change(|state| {
        let account = state
            .epost
            .account_mut(&caller.vendor_id, &caller.ekp)
            .ok_or_else(|| Reject::unauthorized(codes::NO_TOKEN, "unknown account"))?;
        let purpose = Purpose::Mobile {
            new_mobile: req.new_mobile.trim().to_owned(),
        };
        take_code(&mut account.pending, &purpose, &req.email_code)?;
        account.mobile = req.new_mobile.trim().to_owned();
        Ok(StatusCode::OK)
    })
}

fn test_message(
    shared: &AppState,
    headers: &HeaderMap,
    channel: Channel,
) -> reply::Result<StatusCode> {
    let caller = authenticate(shared, headers)?;
    shared.change(|state| {
        let account = state
            .epost
            .account(&caller.vendor_id, &caller.ekp)
            .ok_or_else(|| Reject::unauthorized(codes::NO_TOKEN, "unknown account"))?;
        let (to, subject) = match channel {
            Channel::Sms => (account.mobile.clone(), None),
            Channel::Email => (account.email.clone(), Some("E-POSTBUSINESS test e-mail")),
        };
        let body = "E-POSTBUSINESS: this is a test message for the admin contact.".to_owned();
        state.send_message(channel, &to, subject, body, None);
        Ok(StatusCode::ACCEPTED)
    })
}

pub async fn test_email(
    State(shared): State<AppState>,
    headers: HeaderMap,
) -> reply::Result<StatusCode> {
    test_message(&shared, &headers, Channel::Email)
}

pub async fn test_mobile(
    State(shared): State<AppState>,
    headers: HeaderMap,
) -> reply::Result<StatusCode> {
    test_message(&shared, &headers, Channel::Sms)
}
