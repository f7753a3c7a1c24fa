from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "clinch.web"
    label = "web"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from clinch.datadir import secure_sqlite

        connection_created.connect(secure_sqlite, dispatch_uid="clinch-secure-sqlite")
