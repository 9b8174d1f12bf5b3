//! `Provider` for Ekopost: a send is five calls, each recorded in `Steps`
//! (and saved) before the next, so an interrupted send resumes where it stopped.

use super::client::Client;
use super::codes;
use super::mapping::{self, delivery_state, provider_id, split_provider_id};
use super::wire::{Campaign, CampaignQuery, ContentRequest, Envelope, EnvelopeQuery, State};
use crate::error::{ErrorKind, ProviderError, ProviderMessage};
use crate::provider::{
    Checkpoint, DeliveryStatus, OutgoingLetter, Provider, ProviderDescription, Steps,
};
use crate::secret::Secret;
use async_trait::async_trait;
use std::sync::Arc;
use time::OffsetDateTime;

/// The step names in `Steps`, in order.
pub const STEP_CAMPAIGN: &str = "campaign_id";
pub const STEP_ENVELOPE: &str = "envelope_id";
pub const STEP_CONTENT: &str = "content_id";
pub const STEP_ENVELOPE_CLOSED: &str = "envelope_closed";
pub const STEP_CAMPAIGN_CLOSED: &str = "campaign_closed";

/// `content_id` when the document was found already there (its id unknown).
const CONTENT_ALREADY_THERE: &str = "existing";
/// How far back an envelope whose answer was lost is looked for.
const FIND_DAYS: i64 = 30;

/// Ekopost behind the `Provider` trait.
#[derive(Debug, Clone)]
pub struct EkopostProvider {
    client: Client,
    home_country: String,
}

impl EkopostProvider {
    pub fn new(client: Client) -> Self {
        EkopostProvider {
            client,
            home_country: "SE".into(),
        }
    }

    /// The account's country ("SE" default, "NO" for the Norwegian site):
    /// addresses without a country go there.
    pub fn with_home_country(mut self, country: impl Into<String>) -> Self {
        self.home_country = country.into().to_ascii_uppercase();
        self
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The campaign and envelope of `letter` by name and `unique_id`, looking
    /// back `FIND_DAYS`; for an envelope made by a call whose answer was lost.
    pub async fn locate(
        &self,
        letter: &OutgoingLetter,
    ) -> Result<Option<(Campaign, Envelope)>, ProviderError> {
        let name = mapping::wire_name(letter);
        let unique = mapping::unique_id(letter);
        let today = OffsetDateTime::now_utc().date();
        let query = CampaignQuery {
            start: Some((today - time::Duration::days(FIND_DAYS)).to_string()),
            stop: Some((today + time::Duration::days(1)).to_string()),
            name: Some(name.clone()),
            state: None,
        };
        for campaign in self.client.campaigns(&query).await? {
            if campaign.name != name {
                continue;
            }
            let query = EnvelopeQuery {
                name: Some(name.clone()),
                ..Default::default()
            };
            let envelopes = self.client.envelopes(&campaign.id, &query).await?;
            if let Some(e) = envelopes
                .into_iter()
                .find(|e| e.unique_id.as_deref() == Some(unique.as_str()))
            {
                return Ok(Some((campaign, e)));
            }
        }
        Ok(None)
    }

    /// The envelope was made before, in `campaign` (Ekopost said `126 Not
    /// unique`): take its ids and the steps it has done over.
    async fn adopt(
        &self,
        steps: &mut Steps,
        checkpoint: &dyn Checkpoint,
        campaign: Campaign,
        envelope: Envelope,
    ) -> Result<(), ProviderError> {
        let orphan = steps
            .get(STEP_CAMPAIGN)
            .filter(|c| *c != campaign.id)
            .map(str::to_owned);
        steps.0.insert(STEP_CAMPAIGN.into(), campaign.id.clone());
        steps.0.insert(STEP_ENVELOPE.into(), envelope.id.clone());
        if envelope.state != State::Opened {
            steps
                .0
                .insert(STEP_CONTENT.into(), CONTENT_ALREADY_THERE.into());
            steps
                .0
                .insert(STEP_ENVELOPE_CLOSED.into(), envelope.state.to_string());
        }
        if campaign.state != State::Opened {
            steps
                .0
                .insert(STEP_CAMPAIGN_CLOSED.into(), campaign.state.to_string());
        }
        checkpoint.save(steps)?;
        if let Some(orphan) = orphan {
            // The empty campaign this attempt made; it could never be closed
            // (101), cancelling only tidies the account.
            if let Err(e) = self.client.cancel_campaign(&orphan).await {
                tracing::warn!("ekopost: cannot cancel the empty campaign {orphan}: {e}");
            }
        }
        Ok(())
    }
}

/// An Ekopost provider for an API key and a base URL (production, sandbox or
/// the simulator's `…/ekopost`).
pub fn provider(base_url: &str, api_key: Secret) -> Result<Arc<dyn Provider>, ProviderError> {
    let client = Client::builder(base_url).api_key(api_key).build()?;
    Ok(Arc::new(EkopostProvider::new(client)))
}

fn record(
    steps: &mut Steps,
    checkpoint: &dyn Checkpoint,
    step: &str,
    value: &str,
) -> Result<(), ProviderError> {
    steps.0.insert(step.to_owned(), value.to_owned());
    checkpoint.save(steps)
}

fn has_code(e: &ProviderError, code: &str) -> bool {
    e.kind == ErrorKind::Rejected
        && e.code
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(code))
}

#[async_trait]
impl Provider for EkopostProvider {
    fn describe(&self) -> ProviderDescription {
        mapping::describe(&self.home_country)
    }

    async fn check_connection(&self) -> Result<(), ProviderError> {
        self.client
            .campaigns(&CampaignQuery::default())
            .await
            .map(drop)
    }

    async fn submit(
        &self,
        letter: &OutgoingLetter,
        pdf: &[u8],
        steps: &mut Steps,
        checkpoint: &dyn Checkpoint,
    ) -> Result<String, ProviderError> {
        if letter.test.is_some() {
            return Err(crate::provider::unsupported(
                "a test mode (use the sandbox account)",
            ));
        }
        let envelope_request = mapping::envelope_request(letter, &self.home_country)?;
        let c = &self.client;

        // 1. Campaign.
        let mut campaign_id = match steps.get(STEP_CAMPAIGN) {
            Some(id) => id.to_owned(),
            None => {
                let campaign = c
                    .create_campaign(&mapping::campaign_request(
                        letter,
                        OffsetDateTime::now_utc(),
                    ))
                    .await?;
                record(steps, checkpoint, STEP_CAMPAIGN, &campaign.id)?;
                campaign.id
            }
        };

        // 2. Envelope (recipient, postage, plex, colour, unique_id).
        let envelope_id = match steps.get(STEP_ENVELOPE) {
            Some(id) => id.to_owned(),
            None => match c.create_envelope(&campaign_id, &envelope_request).await {
                Ok(envelope) => {
                    record(steps, checkpoint, STEP_ENVELOPE, &envelope.id)?;
                    envelope.id
                }
                // Made by an earlier attempt whose answer (or checkpoint) was lost.
                Err(e) if has_code(&e, codes::NOT_UNIQUE) => {
                    let Some((campaign, envelope)) = self.locate(letter).await? else {
                        return Err(e);
                    };
                    let id = envelope.id.clone();
                    self.adopt(steps, checkpoint, campaign, envelope).await?;
                    campaign_id = steps.get(STEP_CAMPAIGN).unwrap_or_default().to_owned();
                    id
                }
                Err(e) => return Err(e),
            },
        };

        // 3. Content: the PDF as the envelope's one document.
        if steps.get(STEP_CONTENT).is_none() {
            match c
                .create_content(
                    &campaign_id,
                    &envelope_id,
                    &ContentRequest::pdf_document(pdf),
                )
                .await
            {
                Ok(content) => record(steps, checkpoint, STEP_CONTENT, &content.id)?,
                // 103: it has its document already (an answer lost before).
                Err(e) if has_code(&e, codes::ONE_DOCUMENT) => {
                    record(steps, checkpoint, STEP_CONTENT, CONTENT_ALREADY_THERE)?
                }
                Err(e) => return Err(e),
            }
        }

        // 4. Close the envelope.
        if steps.get(STEP_ENVELOPE_CLOSED).is_none() {
            let state = match c.close_envelope(&campaign_id, &envelope_id).await {
                Ok(envelope) => envelope.state,
                Err(e) => already_past_opened(
                    c.envelope(&campaign_id, &envelope_id)
                        .await
                        .map(|e| e.state),
                    e,
                )?,
            };
            record(steps, checkpoint, STEP_ENVELOPE_CLOSED, state.as_str())?;
        }

        // 5. Close the campaign: from now on Ekopost produces it.
        if steps.get(STEP_CAMPAIGN_CLOSED).is_none() {
            let state = match c.close_campaign(&campaign_id).await {
                Ok(campaign) => campaign.state,
                Err(e) => already_past_opened(c.campaign(&campaign_id).await.map(|c| c.state), e)?,
            };
            record(steps, checkpoint, STEP_CAMPAIGN_CLOSED, state.as_str())?;
        }
        Ok(provider_id(&campaign_id, &envelope_id))
    }

    async fn find(
        &self,
        letter: &OutgoingLetter,
        steps: &Steps,
    ) -> Result<Option<String>, ProviderError> {
        let stored = match (steps.get(STEP_CAMPAIGN), steps.get(STEP_ENVELOPE)) {
            (Some(cid), Some(eid)) => match (
                self.client.campaign(cid).await,
                self.client.envelope(cid, eid).await,
            ) {
                (Ok(campaign), Ok(envelope)) => Some((campaign, envelope)),
                (Err(e), _) | (_, Err(e)) if e.http_status != Some(404) => return Err(e),
                _ => None,
            },
            _ => None,
        };
        let found = match stored {
            Some(found) => Some(found),
            None => self.locate(letter).await?,
        };
        // Handed over only once both are closed; before that `submit` resumes.
        Ok(found
            .filter(|(campaign, envelope)| {
                campaign.state != State::Opened && envelope.state != State::Opened
            })
            .map(|(campaign, envelope)| provider_id(&campaign.id, &envelope.id)))
    }

    fn is_duplicate_refusal(&self, error: &ProviderError) -> bool {
        has_code(error, codes::NOT_UNIQUE)
    }

    async fn status(&self, provider_id: &str) -> Result<DeliveryStatus, ProviderError> {
        let (campaign_id, envelope_id) = split_provider_id(provider_id)?;
        let envelope = self.client.envelope(campaign_id, envelope_id).await?;
        let errors = match (&envelope.state, &envelope.failed_reason) {
            (State::Failed, reason) => vec![ProviderMessage {
                level: Some("error".into()),
                code: None,
                description: reason.clone().filter(|r| !r.is_empty()),
            }],
            _ => Vec::new(),
        };
        Ok(DeliveryStatus {
            state: delivery_state(&envelope.state),
            provider_status: envelope.state.to_string(),
            registered_number: envelope
                .tracking
                .and_then(|t| t.parcel_no)
                .filter(|n| !n.is_empty()),
            errors,
        })
    }

    async fn cancel(&self, provider_id: &str) -> Result<(), ProviderError> {
        let (campaign_id, envelope_id) = split_provider_id(provider_id)?;
        self.client
            .cancel_envelope(campaign_id, envelope_id)
            .await
            .map(drop)
    }
}

/// A close was refused: fine when the object is past `opened` already (a
/// close whose answer was lost); otherwise the refusal stands.
fn already_past_opened(
    now: Result<State, ProviderError>,
    refusal: ProviderError,
) -> Result<State, ProviderError> {
    match now {
        Ok(state) if !matches!(state, State::Opened | State::Cancelled | State::Failed) => {
            Ok(state)
        }
        _ => Err(refusal),
    }
}
