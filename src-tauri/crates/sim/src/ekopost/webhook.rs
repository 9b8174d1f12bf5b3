//! The "campaign completed" callback Ekopost would POST, signed with
//! `X-Ekopost-Signature` (HMAC-SHA1 hex of the body). The app polls, so the
//! simulator does not send it; it makes it for tests of the verifier.

use super::progress::{campaign_state, envelope_state};
use crate::server::Shared;
use crate::state::{now, text};
use postdesk_providers::ekopost::webhook::{sign, CampaignCompleted, EnvelopeStatus};
use postdesk_providers::ekopost::wire::State;

/// A signed callback: the body and its `X-Ekopost-Signature` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCallback {
    pub body: Vec<u8>,
    pub signature: String,
}

/// The callback of `campaign_id` once it is completed (or failed); None before.
pub(crate) fn campaign_completed(shared: &Shared, campaign_id: &str) -> Option<SignedCallback> {
    let state = shared.read();
    let c = state.ekopost.campaign(campaign_id).ok()?;
    let (step, now) = (shared.config.step, now());
    let (campaign, _) = campaign_state(c, step, now);
    if !matches!(campaign, State::Completed | State::Failed) {
        return None;
    }
    let payload = CampaignCompleted {
        campaign_id: c.id.clone(),
        state: campaign,
        envelopes: c
            .envelopes
            .iter()
            .map(|e| {
                let (state, since) = envelope_state(c, e, step, now);
                EnvelopeStatus {
                    id: e.id.clone(),
                    state,
                    unique_id: e.request.unique_id.clone(),
                    state_changed_at: Some(text(since)),
                }
            })
            .collect(),
    };
    let body = serde_json::to_vec(&payload).ok()?;
    let signature = sign(state.ekopost.webhook_secret.as_bytes(), &body);
    Some(SignedCallback { body, signature })
}
