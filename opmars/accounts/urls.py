from django.urls import path

from opmars.accounts import views

urlpatterns = [
    path("", views.account, name="account"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("registreren/", views.signup, name="signup"),
    path("bevestigen/<str:token>/", views.email_confirm, name="email_confirm"),
    path("bevestiging-opnieuw/", views.email_confirm_resend, name="email_confirm_resend"),
    path("wachtwoord-vergeten/", views.password_reset, name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.password_reset_done, name="password_reset_done"),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("wachtwoord-ingesteld/", views.password_reset_complete, name="password_reset_complete"),
    path("wachtwoord-wijzigen/", views.password_change, name="password_change"),
    path("wachtwoord-gewijzigd/", views.password_change_done, name="password_change_done"),
    path("mijn-gegevens.json", views.my_data, name="my_data"),
    path("verwijderen/", views.delete_account, name="account_delete"),
]
