from django.conf import settings


def permissions_policy(get_response):
    """Switch off browser features Opmars never uses (camera, microphone, location…)."""

    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
