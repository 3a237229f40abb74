"""Distances on the earth's surface, in Python and as a database expression."""

import math

from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LATITUDE = 111.2


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1)
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """A box that surely holds the circle; a cheap, indexable prefilter before the exact test."""
    dlat = km / KM_PER_DEGREE_LATITUDE
    dlon = km / (KM_PER_DEGREE_LATITUDE * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def distance_expression(lat: float, lon: float, lat_field="latitude", lon_field="longitude"):
    """Haversine distance in km from (lat, lon) to each row, portable to SQLite and PostgreSQL."""
    lat0 = Value(lat, output_field=FloatField())
    lon0 = Value(lon, output_field=FloatField())
    dlat = Radians(F(lat_field) - lat0)
    dlon = Radians(F(lon_field) - lon0)
    a = Power(Sin(dlat / 2), 2) + Cos(Radians(lat0)) * Cos(Radians(F(lat_field))) * Power(
        Sin(dlon / 2), 2
    )
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(Sqrt(a))
