"""Keyword data (content/keywords.yaml): words that name venue types, topics, audiences and intents."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Keywords(BaseModel):
    """Word lists that the parser uses; every list is data officers may extend."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sources: list[str] = Field(default_factory=list)
    misspellings: dict[str, str] = Field(default_factory=dict)
    types: dict[str, list[str]] = Field(default_factory=dict)
    type_also: dict[str, list[str]] = Field(default_factory=dict)
    name_implies_type: dict[str, list[str]] = Field(default_factory=dict)
    type_labels_th: dict[str, str] = Field(default_factory=dict)
    type_labels_en: dict[str, str] = Field(default_factory=dict)
    topics: dict[str, list[str]] = Field(default_factory=dict)
    audiences: dict[str, list[str]] = Field(default_factory=dict)
    tour_words: list[str] = Field(default_factory=list)
    greetings: list[str] = Field(default_factory=list)
    thanks: list[str] = Field(default_factory=list)
    help_words: list[str] = Field(default_factory=list)
    filler_words: list[str] = Field(default_factory=list)
    nearby_words: list[str] = Field(default_factory=list)
    near_me_words: list[str] = Field(default_factory=list)
    time_words: list[str] = Field(default_factory=list)
    place_needs_evidence: list[str] = Field(default_factory=list)
    place_evidence: list[str] = Field(default_factory=list)
    follow_up_words: list[str] = Field(default_factory=list)
    more_words: list[str] = Field(default_factory=list)
    nearest_words: list[str] = Field(default_factory=list)
    ask_words: dict[str, list[str]] = Field(default_factory=dict)
    off_topic_words: list[str] = Field(default_factory=list)
    negation_words: list[str] = Field(default_factory=list)
    town_words: list[str] = Field(default_factory=list)
    name_prefers: list[dict[str, str]] = Field(default_factory=list)
