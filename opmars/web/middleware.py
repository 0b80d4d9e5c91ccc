from django.conf import settings


def demo_noindex(get_response):
    """The demo site asks search engines not to index it (the pages also carry a meta tag)."""

    def middleware(request):
        response = get_response(request)
        if settings.DEMO_MODE:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return middleware
