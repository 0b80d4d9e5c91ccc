from django.urls import path

from opmars.accounts import token_views as views

urlpatterns = [
    path("", views.tokens, name="api_tokens"),
    path("<int:pk>/intrekken/", views.revoke, name="api_token_revoke"),
]
