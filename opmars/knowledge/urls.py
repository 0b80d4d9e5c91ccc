from django.urls import path

from opmars.knowledge import sharer_views, views

urlpatterns = [
    path("kennis/", views.knowledge_list, name="knowledge"),
    path("kennis/nieuw/", views.knowledge_create, name="knowledge_create"),
    path("kennis/<slug:slug>/", views.knowledge_detail, name="knowledge_item"),
    path("kennis/<slug:slug>/bewerken/", views.knowledge_edit, name="knowledge_edit"),
    path("kennis/<slug:slug>/nuttig/", views.knowledge_useful, name="knowledge_useful"),
    path("vragen/", views.question_list, name="questions"),
    path("vragen/nieuw/", views.question_create, name="question_create"),
    path("vragen/<slug:slug>/", views.question_detail, name="question"),
    path("vragen/<slug:slug>/antwoorden/", views.question_answer, name="question_answer"),
    path("collectieven/<slug:slug>/bericht/", views.contact, name="contact"),
    path(
        "collectieven/<slug:slug>/kennisdeling/",
        views.collective_sharing,
        name="collective_sharing",
    ),
    path("melden/<str:target_type>/<slug:slug>/", views.report, name="report"),
    path("berichten/", views.inbox, name="inbox"),
    path("berichten/doorsturen/", views.forward_queue, name="forward_queue"),
    path("berichten/<int:pk>/", views.conversation, name="conversation"),
    path("berichten/<int:pk>/melden/", views.message_report, name="message_report"),
    path("berichten/<int:pk>/hielp/", views.message_helped, name="message_helped"),
    path("moderatie/", views.moderation_queue, name="moderation"),
    path("kennisdelers/", sharer_views.sharers_page, name="knowledge_sharers"),
    path("kennisdelers/mensen/<int:pk>/", sharer_views.person, name="knowledge_sharer_person"),
    path("moderatie/markeringen/", sharer_views.marks_queue, name="marks_queue"),
    path("kennisdelers/export.csv", sharer_views.sharers_csv, name="knowledge_sharers_csv"),
    path(
        "netwerken/<slug:slug>/kennisdeling/",
        sharer_views.network_sharing,
        name="network_sharing",
    ),
    path(
        "kennisdeling/<int:pk>/verwijderen/",
        sharer_views.sharing_activity_remove,
        name="sharing_activity_remove",
    ),
    path("account/kennisdeler/", sharer_views.sharer_consent, name="sharer_consent"),
]
