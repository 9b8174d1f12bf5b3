//! The endpoint methods of `Client`, one per API call. Every call answers 200
//! with the object as JSON (close and cancel: the changed object).

use super::client::Client;
use super::wire::{
    Campaign, CampaignQuery, CampaignRequest, Content, ContentRequest, Envelope, EnvelopeQuery,
    EnvelopeRequest,
};
use crate::error::{ErrorKind, ProviderError};
use reqwest::{header, Method};
use serde_json::json;

fn campaign(id: &str) -> String {
    format!("/campaigns/{}", segment(id))
}

fn envelope(campaign_id: &str, envelope_id: &str) -> String {
    format!(
        "{}/envelopes/{}",
        campaign(campaign_id),
        segment(envelope_id)
    )
}

/// Ids are GUIDs; anything else is escaped rather than trusted into the path.
fn segment(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'_' | b'.' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

impl Client {
    /// `POST /campaigns`: a new campaign, `opened`.
    pub async fn create_campaign(&self, body: &CampaignRequest) -> Result<Campaign, ProviderError> {
        self.call(self.request(Method::POST, "/campaigns").json(body))
            .await
    }

    /// `GET /campaigns/{campaign_id}`.
    pub async fn campaign(&self, campaign_id: &str) -> Result<Campaign, ProviderError> {
        self.call(self.request(Method::GET, &campaign(campaign_id)))
            .await
    }

    /// `GET /campaigns?start&stop&name&state`: newest first.
    pub async fn campaigns(&self, query: &CampaignQuery) -> Result<Vec<Campaign>, ProviderError> {
        self.call(self.request(Method::GET, "/campaigns").query(query))
            .await
    }

    /// `POST /campaigns/{campaign_id}/close`: ready for production, with all its envelopes.
    pub async fn close_campaign(&self, campaign_id: &str) -> Result<Campaign, ProviderError> {
        let path = format!("{}/close", campaign(campaign_id));
        self.call(self.request(Method::POST, &path).json(&json!({})))
            .await
    }

    /// `POST /campaigns/{campaign_id}/cancel`: the campaign and its envelopes.
    pub async fn cancel_campaign(&self, campaign_id: &str) -> Result<Campaign, ProviderError> {
        let path = format!("{}/cancel", campaign(campaign_id));
        self.call(self.request(Method::POST, &path).json(&json!({})))
            .await
    }

    /// `POST /campaigns/{campaign_id}/envelopes`: a new envelope, `opened`.
    pub async fn create_envelope(
        &self,
        campaign_id: &str,
        body: &EnvelopeRequest,
    ) -> Result<Envelope, ProviderError> {
        let path = format!("{}/envelopes", campaign(campaign_id));
        self.call(self.request(Method::POST, &path).json(body))
            .await
    }

    /// `GET /campaigns/{campaign_id}/envelopes/{envelope_id}`.
    pub async fn envelope(
        &self,
        campaign_id: &str,
        envelope_id: &str,
    ) -> Result<Envelope, ProviderError> {
        self.call(self.request(Method::GET, &envelope(campaign_id, envelope_id)))
            .await
    }

    /// `GET /campaigns/{campaign_id}/envelopes?name&state&address_type`.
    pub async fn envelopes(
        &self,
        campaign_id: &str,
        query: &EnvelopeQuery,
    ) -> Result<Vec<Envelope>, ProviderError> {
        let path = format!("{}/envelopes", campaign(campaign_id));
        self.call(self.request(Method::GET, &path).query(query))
            .await
    }

    /// `POST …/envelopes/{envelope_id}/close`: ready for print once the campaign is closed too.
    pub async fn close_envelope(
        &self,
        campaign_id: &str,
        envelope_id: &str,
    ) -> Result<Envelope, ProviderError> {
        let path = format!("{}/close", envelope(campaign_id, envelope_id));
        self.call(self.request(Method::POST, &path).json(&json!({})))
            .await
    }

    /// `POST …/envelopes/{envelope_id}/cancel`: possible until it is `transferred`.
    pub async fn cancel_envelope(
        &self,
        campaign_id: &str,
        envelope_id: &str,
    ) -> Result<Envelope, ProviderError> {
        let path = format!("{}/cancel", envelope(campaign_id, envelope_id));
        self.call(self.request(Method::POST, &path).json(&json!({})))
            .await
    }

    /// `POST …/envelopes/{envelope_id}/content`: the document (one per envelope) or an attachment.
    pub async fn create_content(
        &self,
        campaign_id: &str,
        envelope_id: &str,
        body: &ContentRequest,
    ) -> Result<Content, ProviderError> {
        let path = format!("{}/content", envelope(campaign_id, envelope_id));
        // The PDF is in the body: its timeout grows with it.
        let bytes = serde_json::to_vec(body).map_err(|e| {
            ProviderError::new(ErrorKind::Protocol, format!("cannot encode request: {e}"))
        })?;
        let timeout = crate::http::upload_timeout(self.timeout(), bytes.len());
        let req = self
            .request(Method::POST, &path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(bytes)
            .timeout(timeout);
        self.call(req).await
    }

    /// `GET …/envelopes/{envelope_id}/content/{content_id}`.
    pub async fn content(
        &self,
        campaign_id: &str,
        envelope_id: &str,
        content_id: &str,
    ) -> Result<Content, ProviderError> {
        let path = format!(
            "{}/content/{}",
            envelope(campaign_id, envelope_id),
            segment(content_id)
        );
        self.call(self.request(Method::GET, &path)).await
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_escaped_in_paths() {
        assert_eq!(
            super::envelope("a-1", "b/../c"),
            "/campaigns/a-1/envelopes/b%2F..%2Fc"
        );
    }
}
