def test_publish_shows_publicly(notices_api, world):
    item = notices_api.publish()
    assert item["status"] == "published"
    listing = notices_api.public(world.commune).json
    assert [i["id"] for i in listing["items"]] == [item["id"]]
