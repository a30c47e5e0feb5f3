"""Building what citizens see: phrase catalogue (th, en), Flex builders, texts and quick replies, postback codec."""
