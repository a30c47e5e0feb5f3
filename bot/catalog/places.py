"""Place models: the six regions, provinces (names, abbreviations, aliases) and districts with centres."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Region(_Strict):
    """One region of the six-region scheme."""

    name_th: str
    name_en: str
    aliases: list[str] = Field(default_factory=list)
    provinces: list[str]


class Province(_Strict):
    """A province with its centre; abbreviations match strictly, aliases freely."""

    name_th: str
    name_en: str
    region: str
    lat: float
    lon: float
    abbreviations: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)


class District(_Strict):
    """A district (amphoe/khet) with its centre."""

    name_th: str
    province_th: str
    lat: float
    lon: float
    aliases: list[str] = Field(default_factory=list)
    approximate: bool = False


class Places(_Strict):
    """content/places.yaml."""

    sources: list[str] = Field(default_factory=list)
    regions: dict[str, Region]
    provinces: list[Province]
    districts: list[District] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Places:
        names = {p.name_th for p in self.provinces}
        for key, region in self.regions.items():
            unknown = [p for p in region.provinces if p not in names]
            if unknown:
                raise ValueError(f"ภาค {key} มีจังหวัดที่ไม่อยู่ใน provinces: {', '.join(unknown)} "
                                 f"(region lists unknown provinces)")
        for province in self.provinces:
            if province.region not in self.regions:
                raise ValueError(f'จังหวัด{province.name_th} ระบุภาค "{province.region}" ที่ไม่มีใน regions '
                                 f"(unknown region; use {', '.join(self.regions)})")
        for attr in ("name_th", "name_en"):
            seen = [getattr(p, attr) for p in self.provinces]
            twice = sorted({n for n in seen if seen.count(n) > 1})
            if twice:
                raise ValueError(f"ชื่อจังหวัดซ้ำ ({attr}): {', '.join(twice)} (duplicate province)")
        return self

    def province(self, name_th: str) -> Province | None:
        """The province with this official Thai name, if any."""
        return next((p for p in self.provinces if p.name_th == name_th), None)
