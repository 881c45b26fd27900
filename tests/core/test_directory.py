import sqlalchemy as sa

import directory
from core.db import db
from directory.models import AdminUnit, Category, Office


def test_units_import_is_idempotent_with_progress(runner, ctx):
    result = runner.invoke(args=["units", "import", "--province", "12"])
    assert result.exit_code == 0, result.output
    assert "Đang nạp đơn vị" in result.output
    assert db.session.get(AdminUnit, "12").name == "Tỉnh Lai Châu"
    communes = db.session.scalar(sa.select(sa.func.count()).where(AdminUnit.parent_code == "12"))
    assert communes == 38
    again = runner.invoke(args=["units", "import", "--province", "12"])
    assert "Đã thêm 0, cập nhật 0" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).where(AdminUnit.parent_code == "12")) == 38
    offices = db.session.scalar(sa.select(sa.func.count()).select_from(Office)
                                .join(AdminUnit).where(AdminUnit.parent_code == "12"))
    assert offices == 38  # one People's Committee per commune, not duplicated


def test_units_import_unknown_province(runner):
    result = runner.invoke(args=["units", "import", "--province", "99"])
    assert result.exit_code != 0
    assert "Không tìm thấy tỉnh" in result.output


def test_list_units_api(client, world):
    provinces = client.get("/api/v1/units").json
    assert {"code": "46", "name": "Thành phố Huế", "level": "province"} in provinces
    communes = client.get("/api/v1/units?parent=46").json
    assert {"code": "19753", "name": "Phường Phú Xuân", "level": "commune"} in communes
    assert all(u["level"] == "commune" for u in communes)
    assert client.get("/api/v1/units?parent=77").status_code == 404


def test_categories_of_a_unit(client, world):
    codes = [c["code"] for c in client.get(f"/api/v1/units/{world.commune}/categories").json]
    assert "ha-tang" in codes and "rieng-kim-long" not in codes
    other = [c["code"] for c in client.get(f"/api/v1/units/{world.other_commune}/categories").json]
    assert "rieng-kim-long" in other
    assert client.get("/api/v1/units/00000/categories").status_code == 404
    assert client.get("/api/v1/units/../categories").status_code == 404


def _category(code):
    return db.session.scalar(sa.select(Category).where(Category.code == code))


def test_routing_rule_then_default_office(ctx, world):
    unit = directory.get_unit(world.commune)
    office, days = directory.resolve_route(_category("an-ninh"), unit)
    assert office.id == world.office_police and days == 3  # the rule's own duration
    office, days = directory.resolve_route(_category("ha-tang"), unit)
    assert office.id == world.office_infra and days == 10  # the category's duration
    office, days = directory.resolve_route(_category("khac"), unit)
    assert office.is_default and office.unit_code == world.commune and days == 10  # default


def test_province_rule_applies_when_commune_has_none(ctx, world):
    dept = directory.create_office(world.province, "Sở Xây dựng", "department")
    directory.set_route("khac", world.province, dept.id, due_days=20)
    office, days = directory.resolve_route(_category("khac"), directory.get_unit(world.commune))
    assert (office.id, days) == (dept.id, 20)


def test_falls_back_to_province_default_office(ctx, world):
    unit = directory.get_unit(world.other_commune)
    db.session.execute(sa.update(Office).where(Office.unit_code == unit.code)
                       .values(is_active=False))
    province_office = directory.create_office(world.province, "UBND thành phố Huế", "ubnd", True)
    office, _ = directory.resolve_route(_category("khac"), unit)
    assert office.id == province_office.id


def test_staff_directory_api(client, staff_headers, world):
    headers = staff_headers("leader")
    created = client.post("/api/v1/staff/offices", headers=headers, json={
        "unit_code": world.commune, "name": "Văn phòng HĐND và UBND"})
    assert created.status_code == 201, created.json
    office_id = created.json["id"]
    listed = client.get(f"/api/v1/staff/offices?unit={world.commune}", headers=headers).json
    assert office_id in [o["id"] for o in listed]
    route = client.put("/api/v1/staff/routing-rules", headers=headers, json={
        "category_code": "khac", "unit_code": world.commune, "office_id": office_id})
    assert route.status_code == 200 and route.json["office_id"] == office_id
    category = client.post("/api/v1/staff/categories", headers=headers, json={
        "code": "cho", "name": "Chợ, kinh doanh", "unit_code": world.commune})
    assert category.status_code == 201
    duplicate = client.post("/api/v1/staff/categories", headers=headers, json={
        "code": "cho", "name": "Chợ", "unit_code": world.commune})
    assert duplicate.status_code == 409


def test_staff_directory_api_scope(client, staff_headers, world):
    other = client.post("/api/v1/staff/offices", headers=staff_headers("other_leader"),
                        json={"unit_code": world.commune, "name": "Không được phép"})
    assert other.status_code == 403
    officer = client.post("/api/v1/staff/categories", headers=staff_headers("officer"),
                          json={"code": "x", "name": "Dùng chung"})
    assert officer.status_code == 403
    anonymous = client.get(f"/api/v1/staff/offices?unit={world.commune}")
    assert anonymous.status_code == 401 and anonymous.json["code"] == 401
    wrong_unit = client.put("/api/v1/staff/routing-rules", headers=staff_headers("leader"),
                            json={"category_code": "khac", "unit_code": world.commune,
                                  "office_id": world.office_other_commune})
    assert wrong_unit.status_code == 422
