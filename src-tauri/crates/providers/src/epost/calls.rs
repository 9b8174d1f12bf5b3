//! The endpoint methods of `Client`, one per API call.

use super::client::{json_body, Client, Credentials};
use super::http;
use super::wire::{
    EMailRequest, Letter, LetterAccepted, LetterDataResult, LetterStatus, LoginRequest,
    LoginResponse, MobileRequest, SetEMail, SetMobile, SetPasswordRequest, SmsRequest, StatusQuery,
};
use crate::error::{ErrorKind, ProviderError};
use crate::secret::Secret;
use reqwest::Method;

/// `POST /api/Login` without touching the session.
pub(crate) async fn post_login(
    client: &Client,
    creds: &Credentials,
    token_duration: Option<u32>,
) -> Result<Secret, ProviderError> {
    let body = LoginRequest {
        vendor_id: client.vendor_id().to_owned(),
        ekp: creds.ekp.clone(),
        secret: creds.secret.clone(),
        password: creds.password.clone(),
        vendor_sub_id: client.vendor_sub_id().map(str::to_owned),
        token_duration,
    };
    let resp = client
        .http()
        .post(client.url("/api/Login"))
        .json(&body)
        .send()
        .await
        .map_err(http::from_reqwest)?;
    let answer: LoginResponse = http::json(resp).await?;
    if answer.token.is_empty() {
        return Err(ProviderError::new(
            ErrorKind::Protocol,
            "login answered an empty token",
        ));
    }
    Ok(answer.token)
}

/// The new secret from a setPassword answer: `{"secret": "…"}` (our choice), a
/// bare JSON string, or plain text.
pub(crate) fn parse_secret(body: &str) -> Option<Secret> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Shape {
        Object { secret: String },
        Bare(String),
    }
    let secret = match serde_json::from_str::<Shape>(body) {
        Ok(Shape::Object { secret }) | Ok(Shape::Bare(secret)) => secret,
        Err(_) => {
            let text = body.trim();
            if text.is_empty() || text.starts_with(['{', '[']) || text.contains(char::is_whitespace)
            {
                return None;
            }
            text.to_owned()
        }
    };
    (!secret.is_empty()).then(|| Secret::new(secret))
}

impl Client {
    /// `GET /api/Login/HealthCheck`: Ok when the service answers 2xx.
    pub async fn health_check(&self) -> Result<(), ProviderError> {
        let resp = self
            .http()
            .get(self.url("/api/Login/HealthCheck"))
            .send()
            .await
            .map_err(http::from_reqwest)?;
        http::success(resp).await.map(drop)
    }

    /// `POST /api/Login`; keeps the credentials and caches the token until it
    /// expires. Later calls log in again by themselves (also once on a 401).
    pub async fn login(
        &self,
        ekp: &str,
        secret: &Secret,
        password: &Secret,
    ) -> Result<(), ProviderError> {
        let creds = Credentials {
            ekp: ekp.to_owned(),
            secret: secret.clone(),
            password: password.clone(),
        };
        let token = post_login(self, &creds, self.token_duration_min()).await?;
        self.store_session(creds, token).await;
        Ok(())
    }

    /// Log in now with the credentials given to `login` or `set_credentials`
    /// (drops the cached token); Auth error when there are none.
    pub async fn refresh_login(&self) -> Result<(), ProviderError> {
        self.relogin().await
    }

    /// `POST /api/Login/smsRequest`: the admin gets an SMS code valid 10 minutes.
    pub async fn sms_request(&self, ekp: &str) -> Result<(), ProviderError> {
        let body = SmsRequest {
            vendor_id: self.vendor_id().to_owned(),
            ekp: ekp.to_owned(),
        };
        let resp = self
            .http()
            .post(self.url("/api/Login/smsRequest"))
            .json(&body)
            .send()
            .await
            .map_err(http::from_reqwest)?;
        http::success(resp).await.map(drop)
    }

    /// `POST /api/Login/setPassword` → the new secret.
    pub async fn set_password(
        &self,
        ekp: &str,
        new_password: &Secret,
        sms_code: &str,
    ) -> Result<Secret, ProviderError> {
        let body = SetPasswordRequest {
            vendor_id: self.vendor_id().to_owned(),
            ekp: ekp.to_owned(),
            new_password: new_password.clone(),
            sms_code: sms_code.trim().to_owned(),
        };
        let resp = self
            .http()
            .post(self.url("/api/Login/setPassword"))
            .json(&body)
            .send()
            .await
            .map_err(http::from_reqwest)?;
        let resp = http::success(resp).await?;
        let status = resp.status().as_u16();
        let body = crate::http::read_body(resp, crate::http::MAX_JSON_BODY).await?;
        parse_secret(&String::from_utf8_lossy(&body)).ok_or_else(|| {
            ProviderError::new(ErrorKind::Protocol, "setPassword answered no secret")
                .with_status(status)
        })
    }

    /// `POST /api/Letter` with a JSON array; one `LetterAccepted` per letter.
    pub async fn send_letters(
        &self,
        letters: &[Letter],
    ) -> Result<Vec<LetterAccepted>, ProviderError> {
        let body = json_body(&letters)?;
        let size = body.as_ref().map_or(0, Vec::len);
        let timeout = crate::http::upload_timeout(self.timeout(), size);
        let resp = self
            .authed_within(Method::POST, "/api/Letter", body, timeout)
            .await?;
        let accepted: Vec<LetterAccepted> = http::json(resp).await?;
        if accepted.len() != letters.len() {
            return Err(ProviderError::new(
                ErrorKind::Protocol,
                format!(
                    "sent {} letters, {} accepted in the answer",
                    letters.len(),
                    accepted.len()
                ),
            ));
        }
        Ok(accepted)
    }

    /// `GET /api/Letter/{letterID}`, paced to the minimum status interval.
    pub async fn letter_status(&self, letter_id: i64) -> Result<LetterStatus, ProviderError> {
        let resp = self
            .status_call(Method::GET, &format!("/api/Letter/{letter_id}"), None)
            .await?;
        http::json(resp).await
    }

    /// `POST /api/Letter/StatusQuery`, paced like `letter_status`.
    pub async fn status_query(
        &self,
        query: &StatusQuery,
    ) -> Result<Vec<LetterStatus>, ProviderError> {
        let resp = self
            .status_call(Method::POST, "/api/Letter/StatusQuery", json_body(query)?)
            .await?;
        http::json(resp).await
    }

    /// The provider's record of the letter we sent as `file_name` (unique per
    /// account), asked by `fileName` and `custom5` (see `StatusQuery`). Only an
    /// answer whose `fileName` matches counts, so a provider that ignores the
    /// filters cannot make us believe a letter arrived. None: it does not have it.
    pub async fn find_letter(
        &self,
        file_name: &str,
        custom5: Option<&str>,
    ) -> Result<Option<LetterStatus>, ProviderError> {
        let query = StatusQuery {
            file_name: Some(file_name.to_owned()),
            custom5: custom5.map(str::to_owned),
            ..Default::default()
        };
        let found = self.status_query(&query).await?;
        Ok(found.into_iter().find(|s| s.file_name.as_deref() == Some(file_name)))
    }

    /// `GET /api/Letter/TestResult/{letterID}`: the processed PDF of a test letter.
    pub async fn test_result(&self, letter_id: i64) -> Result<LetterDataResult, ProviderError> {
        let path = format!("/api/Letter/TestResult/{letter_id}");
        let resp = self.authed(Method::GET, &path, None).await?;
        http::json_capped(resp, crate::http::MAX_PDF_BODY).await
    }

    /// `POST /api/Client/EMailRequest`: a code goes by SMS to the current mobile.
    pub async fn email_request(&self, new_email: &str) -> Result<(), ProviderError> {
        let body = EMailRequest {
            new_email: new_email.to_owned(),
        };
        self.admin_call("/api/Client/EMailRequest", json_body(&body)?)
            .await
    }

    /// `POST /api/Client/SetEMail` with the SMS code.
    pub async fn set_email(&self, new_email: &str, sms_code: &str) -> Result<(), ProviderError> {
        let body = SetEMail {
            new_email: new_email.to_owned(),
            sms_code: sms_code.trim().to_owned(),
        };
        self.admin_call("/api/Client/SetEMail", json_body(&body)?)
            .await
    }

    /// `POST /api/Client/MobileRequest`: a code goes by e-mail to the current address.
    pub async fn mobile_request(&self, new_mobile: &str) -> Result<(), ProviderError> {
        let body = MobileRequest {
            new_mobile: new_mobile.to_owned(),
        };
        self.admin_call("/api/Client/MobileRequest", json_body(&body)?)
            .await
    }

    /// `POST /api/Client/SetMobile` with the e-mail code.
    pub async fn set_mobile(
        &self,
        new_mobile: &str,
        email_code: &str,
    ) -> Result<(), ProviderError> {
        let body = SetMobile {
            new_mobile: new_mobile.to_owned(),
            email_code: email_code.trim().to_owned(),
        };
        self.admin_call("/api/Client/SetMobile", json_body(&body)?)
            .await
    }

    /// `POST /api/Client/TestEMail`: a test message to the admin e-mail.
    pub async fn test_email(&self) -> Result<(), ProviderError> {
        self.admin_call("/api/Client/TestEMail", None).await
    }

    /// `POST /api/Client/TestMobile`: a test SMS to the admin mobile.
    pub async fn test_mobile(&self) -> Result<(), ProviderError> {
        self.admin_call("/api/Client/TestMobile", None).await
    }

    async fn admin_call(
        &self,
        path: &str,
        body: super::client::JsonBody,
    ) -> Result<(), ProviderError> {
        let resp = self.authed(Method::POST, path, body).await?;
        http::success(resp).await.map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_secret;

    #[test]
    fn set_password_answer_shapes() {
        assert_eq!(parse_secret(r#"{"secret":"abc"}"#).unwrap().expose(), "abc");
        assert_eq!(parse_secret(r#""abc""#).unwrap().expose(), "abc");
        assert_eq!(parse_secret("abc\n").unwrap().expose(), "abc");
        assert!(parse_secret("").is_none());
        assert!(parse_secret("{}").is_none());
        assert!(parse_secret(r#"{"secret":""}"#).is_none());
    }
}
