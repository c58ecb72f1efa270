//! What the commands' tests share: running a test on both engines.

/// Runs each `async fn NAME(store: Store)` as `sqlite::NAME` and `postgres::NAME`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(shinchoku_store::Store::in_memory().await.unwrap()).await
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    match shinchoku_store::testing::postgres_database().await.unwrap() {
                        Some(url) => {
                            super::$name(shinchoku_store::Store::open(&url).await.unwrap()).await
                        }
                        None => assert!(
                            std::env::var_os(shinchoku_store::testing::REQUIRE_PG).is_none(),
                            "SHINCHOKU_REQUIRE_PG is set but SHINCHOKU_TEST_PG is not"
                        ),
                    }
                }
            )+
        }
    };
}
