"""Demo notices: published for the demo communes, one emergency with a risk level."""

from directory import auth
from notices import demo


def test_demo_publishes_notices_for_demo_communes(ctx, world, notices_api):
    auth.create_staff("lanhdao", "commune_leader", world.commune)
    auth.create_staff("canbo", "officer", world.commune, world.office_infra)
    demo.load()
    demo.load()  # safe to run again
    items = notices_api.public(world.commune).json["items"]
    assert len(items) == 4
    assert items[0]["priority"] == "emergency" and items[0]["risk"]["colour"] == "#ff9800"
    assert items[0]["links"]["cap"]
    assert len(notices_api.public(world.other_commune).json["items"]) == 2  # province ones
