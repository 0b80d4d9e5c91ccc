from django.shortcuts import render


def summary(request):
    return render(request, "rights/summary.html", {})
