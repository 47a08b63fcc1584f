//! The default credential chain over injected environments and temporary home directories.

use std::path::{Path, PathBuf};

use vod_runtime::credentials::{
    Credentials, CredentialsError, DefaultChain, Environment, ProvideCredentials,
};

/// A fresh, empty directory under the system temp dir, unique to this test.
fn home(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vod-runtime-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(home: &Path, relative: &str, text: &str) -> PathBuf {
    let path = home.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn provide(env: Environment) -> Result<Credentials, CredentialsError> {
    DefaultChain::new(env).provide_credentials()
}

const CLI_CONFIG: &str = r#"{
  "current": "work",
  "profiles": [
    {"name": "work", "mode": "AK", "access_key_id": "cli-id", "access_key_secret": "cli-secret"},
    {"name": "temp", "mode": "StsToken", "access_key_id": "STS.cli", "access_key_secret": "sts-secret", "sts_token": "sts-token"},
    {"name": "role", "mode": "RamRoleArn", "access_key_id": "x", "access_key_secret": "role-secret", "ram_role_arn": "acs:ram::1:role/r"}
  ]
}"#;

const INI: &str = "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n\n\
                   [temp]\ntype = sts\naccess_key_id = STS.ini\naccess_key_secret = ini-sts-secret\nsecurity_token = ini-token\n\n\
                   [ecs]\ntype = ecs_ram_role\nrole_name = r\n";

#[test]
fn environment_variables_come_first() {
    let home = home("env-first");
    write(&home, ".aliyun/config.json", CLI_CONFIG);
    let env = Environment::empty()
        .with_home(&home)
        .with_var("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id")
        .with_var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
        .with_var("ALIBABA_CLOUD_SECURITY_TOKEN", "env-token");
    let credentials = provide(env).unwrap();
    assert_eq!(credentials.access_key_id(), "env-id");
    assert_eq!(credentials.access_key_secret().expose(), "env-secret");
    assert_eq!(
        credentials.security_token().map(|t| t.expose()),
        Some("env-token")
    );
}

#[test]
fn half_set_environment_is_an_error_without_the_secret() {
    let env = Environment::empty().with_var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "lonely-secret");
    let error = provide(env).unwrap_err();
    let shown = error.to_string();
    assert!(shown.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{shown}");
    assert!(!shown.contains("lonely-secret"));
    assert!(!format!("{error:?}").contains("lonely-secret"));
}

#[test]
fn nothing_found_lists_every_place_tried() {
    let home = home("nothing");
    let error = provide(Environment::empty().with_home(&home)).unwrap_err();
    let CredentialsError::NotFound { tried } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(tried.len(), 6, "{tried:?}");
    let shown = error.to_string();
    for place in [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "OIDC",
        ".aliyun/config.json",
        ".alibabacloud/credentials.ini",
        "ECS instance role",
        "ALIBABA_CLOUD_CREDENTIALS_URI",
    ] {
        assert!(shown.contains(place), "{place} missing from: {shown}");
    }
}

#[test]
fn cli_profile_current_override_and_unsupported_mode() {
    let home = home("cli");
    write(&home, ".aliyun/config.json", CLI_CONFIG);
    let env = Environment::empty().with_home(&home);

    let current = provide(env.clone()).unwrap();
    assert_eq!(current.access_key_id(), "cli-id");
    assert_eq!(current.security_token(), None);

    let temp = provide(env.clone().with_var("ALIBABA_CLOUD_PROFILE", "temp")).unwrap();
    assert_eq!(temp.access_key_id(), "STS.cli");
    assert_eq!(temp.security_token().map(|t| t.expose()), Some("sts-token"));

    let error = provide(env.clone().with_var("ALIBABA_CLOUD_PROFILE", "role")).unwrap_err();
    let CredentialsError::UnsupportedMode { mode, source } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(mode, "RamRoleArn");
    assert!(source.contains("`role`"), "{source}");
    assert!(!error.to_string().contains("role-secret"));
}

#[test]
fn disabled_cli_profile_falls_through_to_the_ini_file() {
    let home = home("cli-disabled");
    write(&home, ".aliyun/config.json", CLI_CONFIG);
    write(&home, ".alibabacloud/credentials.ini", INI);
    let env = Environment::empty()
        .with_home(&home)
        .with_var("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "TRUE");
    assert_eq!(provide(env).unwrap().access_key_id(), "ini-id");
}

#[test]
fn ini_profiles_and_explicit_file() {
    let home = home("ini");
    let elsewhere = write(&home, "elsewhere/creds.ini", INI);
    let env = Environment::empty().with_home(&home).with_var(
        "ALIBABA_CLOUD_CREDENTIALS_FILE",
        elsewhere.to_str().unwrap(),
    );
    assert_eq!(provide(env.clone()).unwrap().access_key_id(), "ini-id");

    let temp = provide(env.clone().with_var("ALIBABA_CLOUD_PROFILE", "temp")).unwrap();
    assert_eq!(temp.access_key_id(), "STS.ini");
    assert_eq!(temp.security_token().map(|t| t.expose()), Some("ini-token"));

    let error = provide(env.with_var("ALIBABA_CLOUD_PROFILE", "ecs")).unwrap_err();
    assert!(
        matches!(&error, CredentialsError::UnsupportedMode { mode, .. } if mode == "ecs_ram_role"),
        "{error:?}"
    );

    let missing = Environment::empty().with_home(&home).with_var(
        "ALIBABA_CLOUD_CREDENTIALS_FILE",
        home.join("nope.ini").to_str().unwrap(),
    );
    let error = provide(missing).unwrap_err();
    assert!(error.to_string().contains("no such file"), "{error}");
}

#[test]
fn missing_profile_moves_on_but_broken_profile_stops() {
    let home = home("broken");
    write(&home, ".aliyun/config.json", CLI_CONFIG);
    write(&home, ".alibabacloud/credentials.ini", INI);
    // `default` is only in the INI file, so the CLI file is passed over.
    let env = Environment::empty()
        .with_home(&home)
        .with_var("ALIBABA_CLOUD_PROFILE", "default");
    assert_eq!(provide(env).unwrap().access_key_id(), "ini-id");

    write(
        &home,
        ".aliyun/config.json",
        r#"{"current": "work", "profiles": [{"name": "work", "mode": "AK", "access_key_id": "id"}]}"#,
    );
    let error = provide(Environment::empty().with_home(&home)).unwrap_err();
    assert!(error.to_string().contains("access_key_secret"), "{error}");

    write(
        &home,
        ".aliyun/config.json",
        r#"{"current": "work", "profiles": [{"access_key_secret": "leak-me" "#,
    );
    let error = provide(Environment::empty().with_home(&home)).unwrap_err();
    let shown = error.to_string();
    assert!(shown.contains("not valid JSON (line 1"), "{shown}");
    assert!(!shown.contains("leak-me"));
}

#[test]
fn oidc_and_other_unsupported_modes_are_named() {
    let oidc = Environment::empty()
        .with_var("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/r")
        .with_var(
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "acs:ram::1:oidc-provider/p",
        )
        .with_var("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/token");
    let error = provide(oidc).unwrap_err();
    assert!(error.to_string().contains("`OIDC`"), "{error}");

    let ecs = Environment::empty().with_var("ALIBABA_CLOUD_ECS_METADATA", "my-role");
    let error = provide(ecs).unwrap_err();
    assert!(error.to_string().contains("`EcsRamRole`"), "{error}");
}

#[test]
fn environment_debug_shows_names_not_values() {
    let env = Environment::empty().with_var("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "hidden-value");
    let shown = format!("{env:?}");
    assert!(shown.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
    assert!(!shown.contains("hidden-value"));
}
