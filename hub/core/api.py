"""Serializers for the API v2 fields that point at taxonomy terms."""

from rest_framework import serializers


class TermSerializer(serializers.Serializer):
    """A taxonomy term as its stable slug and its name in the page's language."""

    slug = serializers.CharField()
    name = serializers.CharField()
