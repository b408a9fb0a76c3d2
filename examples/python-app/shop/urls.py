"""URL routes, as a Django urlpatterns list."""
from shop import views

urlpatterns = {
    "/": views.index,
    "/healthz": views.health,
    "/products": views.products,
}
