//! `/api/Login`, `/api/Login/smsRequest`, `/api/Login/setPassword`, `/api/Login/HealthCheck`.

use super::{random_code, random_text, Account, PendingCode, Purpose, TokenGrant};
use crate::reply::{self, codes, parse_json, Reject};
use crate::server::AppState;
use crate::state::{now, Channel};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use postdesk_providers::epost::wire::{
    LoginRequest, LoginResponse, SetPasswordRequest, SetPasswordResponse, SmsRequest,
};
use postdesk_providers::Secret;
use time::Duration;

/// SMS codes are valid this long.
const CODE_VALIDITY: Duration = Duration::minutes(10);
/// `tokenDuration` maximum and default, minutes.
const MAX_TOKEN_MINUTES: u32 = 1440;

fn check_vendor(vendor_id: &str) -> reply::Result<()> {
    let ok = (1..=50).contains(&vendor_id.len())
        && vendor_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    ok.then_some(())
        .ok_or_else(|| Reject::bad_request(codes::BAD_VENDOR, "vendorID is not valid"))
}

fn check_ekp(ekp: &str) -> reply::Result<()> {
    (ekp.chars().count() == 10)
        .then_some(())
        .ok_or_else(|| Reject::bad_request(codes::BAD_EKP, "ekp must be exactly 10 characters"))
}

pub async fn health_check() -> StatusCode {
    StatusCode::OK
}

pub async fn login(
    State(shared): State<AppState>,
    body: Bytes,
) -> reply::Result<Json<LoginResponse>> {
    let req: LoginRequest = parse_json(&body)?;
    let failed = || {
        Reject::unauthorized(
            codes::LOGIN_FAILED,
            "login failed: wrong vendorID, ekp, secret or password",
        )
    };
    let minutes = req
        .token_duration
        .unwrap_or(MAX_TOKEN_MINUTES)
        .clamp(1, MAX_TOKEN_MINUTES);
    shared.change(|state| {
        let account = state
            .epost
            .account(&req.vendor_id, &req.ekp)
            .ok_or_else(failed)?;
        let matches = account.password.as_deref() == Some(req.password.expose())
            && account.secret.as_deref() == Some(req.secret.expose());
        if !matches {
            return Err(failed());
        }
        let expires_at = now() + Duration::minutes(i64::from(minutes));
        let token = jwt_like(&req.ekp, expires_at.unix_timestamp());
        let now = now();
        state.epost.tokens.retain(|g| g.expires_at > now);
        state.epost.tokens.push(TokenGrant {
            token: token.clone(),
            vendor_id: req.vendor_id.clone(),
            ekp: req.ekp.clone(),
            expires_at,
        });
        Ok(Json(LoginResponse {
            token: Secret::new(token),
        }))
    })
}

/// A JWT-shaped token (not signed; the simulator looks tokens up).
fn jwt_like(ekp: &str, exp: i64) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(format!(r#"{{"ekp":"{ekp}","exp":{exp}}}"#));
    format!("{header}.{payload}.{}", random_text(32))
}

/// Opens the account on first use (as onboarding with Deutsche Post would have)
/// and sends a 6-digit code valid 10 minutes to the admin mobile.
pub async fn sms_request(State(shared): State<AppState>, body: Bytes) -> reply::Result<StatusCode> {
    let req: SmsRequest = parse_json(&body)?;
    check_vendor(&req.vendor_id)?;
    check_ekp(&req.ekp)?;
    shared.change(|state| {
        if state.epost.account(&req.vendor_id, &req.ekp).is_none() {
            state
                .epost
                .accounts
                .push(new_account(&req.vendor_id, &req.ekp));
        }
        let code = random_code(6);
        let account = state
            .epost
            .account_mut(&req.vendor_id, &req.ekp)
            .expect("just ensured");
        account.pending.retain(|p| p.purpose != Purpose::Password);
        account.pending.push(PendingCode {
            purpose: Purpose::Password,
            code: code.clone(),
            expires_at: now() + CODE_VALIDITY,
        });
        let mobile = account.mobile.clone();
        let body = format!(
            "E-POSTBUSINESS: your code to set the password is {code}. Valid for 10 minutes."
        );
        state.send_message(Channel::Sms, &mobile, None, body, Some(code));
        Ok(StatusCode::ACCEPTED)
    })
}

/// CHOICE: a fresh account's admin contact is made up from the EKP.
fn new_account(vendor_id: &str, ekp: &str) -> Account {
    let digits: String = ekp.chars().filter(char::is_ascii_digit).collect();
    let tail = format!("{:0>7}", &digits[digits.len().saturating_sub(7)..]);
    Account {
        vendor_id: vendor_id.to_owned(),
        ekp: ekp.to_owned(),
        password: None,
        secret: None,
        email: format!("admin-{}@sandbox.invalid", ekp.to_lowercase()),
        mobile: format!("+49 170 {tail}"),
        pending: Vec::new(),
        contact_requests: Vec::new(),
    }
}

pub async fn set_password(
    State(shared): State<AppState>,
    body: Bytes,
) -> reply::Result<Json<SetPasswordResponse>> {
    let req: SetPasswordRequest = parse_json(&body)?;
    let len = req.new_password.expose().chars().count();
    if !(5..=100).contains(&len) {
        return Err(Reject::bad_request(
            codes::BAD_PASSWORD,
            "newPassword must be 5 to 100 characters",
        ));
    }
    shared.change(|state| {
        let account = state
            .epost
            .account_mut(&req.vendor_id, &req.ekp)
            .ok_or_else(|| Reject::bad_request(codes::BAD_CODE, "no SMS code was requested"))?;
        take_code(&mut account.pending, &Purpose::Password, &req.sms_code)?;
        let secret = random_text(40);
        account.password = Some(req.new_password.expose().to_owned());
        account.secret = Some(secret.clone());
        let key = account.key();
        // A new password ends the sessions of the old one.
        state
            .epost
            .tokens
            .retain(|g| super::account_key(&g.vendor_id, &g.ekp) != key);
        Ok(Json(SetPasswordResponse {
            secret: Secret::new(secret),
        }))
    })
}

/// Check and consume a pending code for `purpose`.
pub(crate) fn take_code(
    pending: &mut Vec<PendingCode>,
    purpose: &Purpose,
    code: &str,
) -> reply::Result<()> {
    let idx = pending
        .iter()
        .position(|p| &p.purpose == purpose)
        .ok_or_else(|| {
            Reject::bad_request(codes::BAD_CODE, "no code was requested for this change")
        })?;
    if pending[idx].expires_at <= now() {
        pending.remove(idx);
        return Err(Reject::bad_request(
            codes::CODE_EXPIRED,
            "the code has expired; request a new one",
        ));
    }
    if pending[idx].code != code.trim() {
        return Err(Reject::bad_request(codes::BAD_CODE, "the code is wrong"));
    }
    pending.remove(idx);
    Ok(())
}
