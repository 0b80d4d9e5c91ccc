from ninja import NinjaAPI

api = NinjaAPI(title="Opmars API", version="1")
