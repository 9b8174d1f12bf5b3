//! The desktop session gives the `keyring` crate (with the features the app uses)
//! a real Secret Service: a secret written is read back from the daemon.

#[test]
fn secret_service_round_trip() -> anyhow::Result<()> {
    let service = format!("postdesk-e2e-keyring-{}", std::process::id());
    let entry = keyring::Entry::new(&service, "probe")?;
    entry.set_password("s3cret")?;
    // A second handle, so the value must come from the daemon, not the entry.
    let again = keyring::Entry::new(&service, "probe")?;
    let got = again.get_password();
    entry.delete_credential()?;
    assert_eq!(got?, "s3cret");
    assert!(matches!(again.get_password(), Err(keyring::Error::NoEntry)));
    Ok(())
}
