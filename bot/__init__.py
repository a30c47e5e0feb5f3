"""RianRu (เรียนรู้): a LINE chatbot that finds Thai learning venues and knowledge-tourism routes."""

__version__ = "0.1.0"
