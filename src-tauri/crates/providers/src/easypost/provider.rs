//! `Provider` for EasyPost Connect: a send is a single-file job on the
//! company's workflow, then a PUT of the PDF to the job's pre-signed URL. Two
//! steps in `Steps` (`job_id`, then `uploaded`), each saved before the next
//! call, so an interrupted send resumes and never makes a second letter.

use super::client::{Auth, Client};
use super::http::has_code;
use super::mapping;
use super::wire::{codes, job_status, workflow_type, Job, SendingEvent};
use crate::error::{ErrorKind, ProviderError};
use crate::provider::{
    delivery_codes, Channel, Checkpoint, Delivery, DeliveryStatus, OutgoingLetter, Provider, ProviderDescription,
    RegisteredLetter, Steps,
};
use crate::secret::Secret;
use async_trait::async_trait;
use std::time::Duration;
use time::OffsetDateTime;

/// The step names in `Steps`, in order.
pub const STEP_JOB: &str = "job_id";
/// Value `"true"`: the file is at the provider (or was found there).
pub const STEP_UPLOADED: &str = "uploaded";

/// What `describe` says (the same for every account).
pub fn describe() -> ProviderDescription {
    mapping::describe()
}

/// EasyPost Connect behind the `Provider` trait: one API key and the
/// company's single-file workflow.
#[derive(Debug, Clone)]
pub struct EasypostProvider {
    client: Client,
    workflow_id: String,
}

/// A provider for `base_url` (`DEVELOPMENT_BASE_URL`, the production host of
/// the contract, or a simulator's), the API key and the workflow every letter
/// is sent with. An empty workflow id is taken here and refused by
/// `check_connection` and `submit` (`WORKFLOW_NOT_USABLE`), so old letters'
/// statuses can still be read.
pub fn provider(
    base_url: &str,
    key: Secret,
    workflow_id: &str,
    timeout: Duration,
) -> Result<EasypostProvider, ProviderError> {
    let client = Client::builder(base_url)
        .auth(Auth::ApiKey(key))
        .timeout(timeout)
        .build()?;
    Ok(EasypostProvider::new(client, workflow_id))
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

fn workflow_error(description: String) -> ProviderError {
    let mut e = ProviderError::new(ErrorKind::Rejected, description);
    e.code = Some(codes::WORKFLOW_NOT_USABLE.into());
    e
}

fn is_not_found(e: &ProviderError) -> bool {
    e.http_status == Some(404)
}

impl EasypostProvider {
    pub fn new(client: Client, workflow_id: &str) -> Self {
        EasypostProvider {
            client,
            workflow_id: workflow_id.trim().to_owned(),
        }
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn workflow_id(&self) -> &str {
        &self.workflow_id
    }

    fn require_workflow(&self) -> Result<&str, ProviderError> {
        if self.workflow_id.is_empty() {
            Err(workflow_error(
                "no EasyPost workflow set for this company".into(),
            ))
        } else {
            Ok(&self.workflow_id)
        }
    }

    /// The job stored in `steps`, None when the provider no longer has it (404).
    async fn stored_job(&self, steps: &Steps) -> Result<Option<Job>, ProviderError> {
        let Some(id) = steps.get(STEP_JOB) else {
            return Ok(None);
        };
        match self.client.job(id).await {
            Ok(job) => Ok(Some(job)),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// This letter's jobs found by its `externalReference` (the idempotency key).
    async fn jobs_of(&self, letter: &OutgoingLetter) -> Result<Vec<Job>, ProviderError> {
        if letter.idempotency_key.is_empty() {
            return Ok(Vec::new());
        }
        self.client.jobs_by_reference(&letter.idempotency_key).await
    }

    /// PUT the PDF; a job that no longer awaits a file has it (an earlier PUT
    /// landed). An expired URL is asked anew once (`GET /jobs/{id}` gives a
    /// fresh one) and the PUT repeated; expired again, the send is tried later.
    async fn upload(&self, job_id: &str, url: &str, pdf: &[u8]) -> Result<(), ProviderError> {
        let first = match self.client.upload(url, pdf).await {
            Err(e) if has_code(&e, codes::UPLOAD_URL_EXPIRED) => e,
            other => return landed(other),
        };
        let job = self.client.job(job_id).await?;
        if mapping::has_file(&job) {
            return Ok(());
        }
        let Some(url) = job
            .file_upload_url
            .clone()
            .filter(|_| mapping::can_take_file(&job, OffsetDateTime::now_utc()))
        else {
            return Err(first);
        };
        match landed(self.client.upload(&url, pdf).await) {
            Err(mut e) if has_code(&e, codes::UPLOAD_URL_EXPIRED) => {
                e.kind = ErrorKind::Transient;
                Err(e)
            }
            other => other,
        }
    }
}

/// An upload's result: 409 `JOB_NOT_AWAITING_FILE` means the file is there.
fn landed(result: Result<(), ProviderError>) -> Result<(), ProviderError> {
    match result {
        Err(e) if has_code(&e, codes::JOB_NOT_AWAITING_FILE) => Ok(()),
        other => other,
    }
}

#[async_trait]
impl Provider for EasypostProvider {
    fn describe(&self) -> ProviderDescription {
        describe()
    }

    /// `GET /health` (the service), then `GET /workflows/{id}` (the key, and
    /// that the company's workflow takes single-file jobs and is active).
    async fn check_connection(&self) -> Result<(), ProviderError> {
        self.client.health().await?;
        let id = self.require_workflow()?;
        let workflow = match self.client.workflow(id).await {
            Err(e) if is_not_found(&e) => {
                return Err(workflow_error(format!(
                    "the workflow {id:?} does not exist for this key"
                )))
            }
            other => other?,
        };
        if workflow.kind != workflow_type::SINGLE_FILE {
            return Err(workflow_error(format!(
                "the workflow {:?} takes {} jobs, not single files",
                workflow.name, workflow.kind
            )));
        }
        if !workflow.status.eq_ignore_ascii_case("ACTIVE") {
            return Err(workflow_error(format!(
                "the workflow {:?} is not active",
                workflow.name
            )));
        }
        Ok(())
    }

    async fn submit(
        &self,
        letter: &OutgoingLetter,
        pdf: &[u8],
        steps: &mut Steps,
        checkpoint: &dyn Checkpoint,
    ) -> Result<String, ProviderError> {
        if let (Some(id), Some(_)) = (steps.get(STEP_JOB), steps.get(STEP_UPLOADED)) {
            return Ok(id.to_owned());
        }
        if letter.test.is_some() {
            return Err(crate::provider::unsupported(
                "a test mode (use the development host)",
            ));
        }
        if letter.options.channel != Channel::Postal {
            return Err(crate::provider::unsupported("this delivery channel"));
        }
        if letter.options.registered != RegisteredLetter::None {
            return Err(crate::provider::unsupported(
                "registered mail per letter (a registered-mail workflow decides it)",
            ));
        }
        let now = OffsetDateTime::now_utc();

        // 1. The job an earlier attempt made.
        let mut target: Option<(String, String)> = None; // (job id, upload URL)
        if steps.get(STEP_JOB).is_some() {
            match self.stored_job(steps).await? {
                Some(job) if mapping::has_file(&job) => {
                    record(steps, checkpoint, STEP_UPLOADED, "true")?;
                    return Ok(job.id);
                }
                Some(job) if mapping::can_take_file(&job, now) => {
                    let url = job.file_upload_url.clone().unwrap_or_default();
                    target = Some((job.id, url));
                }
                // Gone, or about to expire: it never got a file, so it is left
                // to expire and a new one made (nothing is sent twice).
                _ => {
                    steps.0.remove(STEP_JOB);
                    checkpoint.save(steps)?;
                }
            }
        }

        // 2. A job made by an attempt whose answer or checkpoint was lost, or a new one.
        let (job_id, url) = match target {
            Some(t) => t,
            None => {
                let jobs = self.jobs_of(letter).await?;
                if let Some(done) = jobs.iter().find(|j| mapping::has_file(j)) {
                    record(steps, checkpoint, STEP_JOB, &done.id)?;
                    record(steps, checkpoint, STEP_UPLOADED, "true")?;
                    return Ok(done.id.clone());
                }
                match jobs.into_iter().find(|j| mapping::can_take_file(j, now)) {
                    Some(job) => {
                        record(steps, checkpoint, STEP_JOB, &job.id)?;
                        (job.id, job.file_upload_url.unwrap_or_default())
                    }
                    None => {
                        let workflow_id = self.require_workflow()?;
                        let job = self
                            .client
                            .create_single_file_job(&mapping::job_request(letter, workflow_id))
                            .await?;
                        // Saved before the upload: a crash after it resumes with this job.
                        record(steps, checkpoint, STEP_JOB, &job.id)?;
                        let url = match job.file_upload_url.filter(|u| !u.trim().is_empty()) {
                            Some(url) => url,
                            None => self.client.job(&job.id).await?.file_upload_url.ok_or_else(
                                || {
                                    ProviderError::new(
                                        ErrorKind::Protocol,
                                        "the new job has no fileUploadUrl",
                                    )
                                },
                            )?,
                        };
                        (job.id, url)
                    }
                }
            }
        };

        // 3. The PDF.
        self.upload(&job_id, &url, pdf).await?;
        record(steps, checkpoint, STEP_UPLOADED, "true")?;
        Ok(job_id)
    }

    /// The job of `steps`, else the one found by the idempotency key; only
    /// once it has its file (past `AWAITING_FOR_FILE`): before that `submit`
    /// resumes (a waiting job alone sends nothing).
    async fn find(
        &self,
        letter: &OutgoingLetter,
        steps: &Steps,
    ) -> Result<Option<String>, ProviderError> {
        if let Some(job) = self.stored_job(steps).await? {
            if mapping::has_file(&job) {
                return Ok(Some(job.id));
            }
        }
        Ok(self
            .jobs_of(letter)
            .await?
            .into_iter()
            .find(mapping::has_file)
            .map(|j| j.id))
    }

    /// `provider_id` is the job id: the job and its sending events, mapped
    /// by `mapping::delivery_status`.
    async fn status(&self, provider_id: &str) -> Result<DeliveryStatus, ProviderError> {
        let job = self.client.job(provider_id).await?;
        let events = if job.status == job_status::AWAITING_FOR_FILE {
            Vec::new()
        } else {
            self.client.sending_events(&job.id).await?
        };
        Ok(mapping::delivery_status(&job, &events))
    }

    /// The job's sending events (`provider_id` is the job id).
    async fn deliveries(&self, provider_id: &str) -> Result<Vec<Delivery>, ProviderError> {
        Ok(self.client.sending_events(provider_id).await?.iter().map(mapping::delivery).collect())
    }

    /// `POST /sending-events/{id}/resend`, for an event of this job only; the
    /// seed's refusals (not final, a re-send) mapped to the neutral codes.
    async fn resend(&self, provider_id: &str, delivery_id: &str) -> Result<Delivery, ProviderError> {
        self.event_of(provider_id, delivery_id).await?;
        match self.client.resend(delivery_id).await {
            Ok(e) => Ok(mapping::delivery(&e)),
            Err(mut e) => {
                e.code = match e.code.as_deref() {
                    Some(codes::RESEND_OF_RESEND) => Some(delivery_codes::RESEND_OF_RESEND.into()),
                    Some(codes::SENDING_EVENT_NOT_FINAL) => Some(delivery_codes::RESEND_NOT_FINAL.into()),
                    _ => e.code,
                };
                Err(e)
            }
        }
    }

    /// The event's pre-signed download URL, then the file (no key sent there).
    async fn delivery_file(&self, provider_id: &str, delivery_id: &str, reference: &str) -> Result<Vec<u8>, ProviderError> {
        self.event_of(provider_id, delivery_id).await?;
        let url = match self.client.file_download_url(delivery_id, reference).await {
            Ok(u) => u,
            Err(mut e) => {
                if e.code.as_deref() == Some(codes::FILE_NOT_READY) {
                    e.code = Some(delivery_codes::FILE_NOT_READY.into());
                }
                return Err(e);
            }
        };
        self.client.download(&url.url).await
    }
}

impl EasypostProvider {
    /// The sending event `delivery_id`, only if it belongs to job `provider_id`
    /// (an id from the window is not trusted to name another letter's event).
    async fn event_of(&self, provider_id: &str, delivery_id: &str) -> Result<SendingEvent, ProviderError> {
        let not_this = || {
            let mut e = ProviderError::new(ErrorKind::Rejected, "no such delivery for this letter");
            e.code = Some(delivery_codes::NOT_THIS_LETTERS.into());
            e
        };
        match self.client.sending_event(delivery_id).await {
            Ok(e) if e.job_id == provider_id => Ok(e),
            Ok(_) => Err(not_this()),
            Err(e) if is_not_found(&e) => Err(not_this()),
            Err(e) => Err(e),
        }
    }
}
