"""A minimal line-bot-sdk v3 echo bot (the yardstick for webhook throughput): verify, parse, reply with the text."""

from __future__ import annotations

import os

from flask import Flask, abort, request
from linebot.v3 import WebhookHandler
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, ReplyMessageRequest, TextMessage
from linebot.v3.webhooks import MessageEvent, TextMessageContent

app = Flask(__name__)
handler = WebhookHandler(os.environ.get("LINE_CHANNEL_SECRET", "bench"))
configuration = Configuration(access_token=os.environ.get("LINE_CHANNEL_ACCESS_TOKEN", "bench"),
                              host=os.environ.get("LINE_API_BASE_URL", "https://api.line.me"))


@app.post("/callback")
def callback():
    """The SDK's own example: check the signature, dispatch events to the handler."""
    try:
        handler.handle(request.get_data(as_text=True), request.headers.get("X-Line-Signature", ""))
    except InvalidSignatureError:
        abort(400)
    return "OK"


@handler.add(MessageEvent, message=TextMessageContent)
def echo(event: MessageEvent) -> None:
    """Reply with the same text, synchronously, as the SDK example does."""
    with ApiClient(configuration) as client:
        MessagingApi(client).reply_message(ReplyMessageRequest(
            reply_token=event.reply_token, messages=[TextMessage(text=event.message.text)]))
