from privacy.masking import MASK, mask_personal_data


def test_masks_phones_emails_ids_addresses_and_names():
    text = ("Tôi là Nguyễn Văn An, số nhà 12 ngõ 5 đường Lê Lợi, SĐT 0912 345 678, "
            "email an.nguyen@gmail.com, CCCD 001203004567. Nhờ anh Trần Bình kiểm tra.")
    masked = mask_personal_data(text, ["Nguyễn Văn An"])
    for secret in ("Nguyễn Văn An", "0912 345 678", "an.nguyen@gmail.com", "001203004567",
                   "Trần Bình", "12"):
        assert secret not in masked
    assert "đường Lê Lợi" in masked  # street names stay: they locate the problem
    assert masked.count(MASK) >= 6


def test_international_phone_forms_are_masked():
    masked = mask_personal_data("Gọi +84 912-345-678 hoặc 84912345678 giúp chị Lan.")
    assert "912" not in masked and "Lan" not in masked


def test_known_name_is_masked_in_any_case():
    assert "an" not in mask_personal_data("NGUYỄN VĂN AN báo", ["Nguyễn Văn An"]).lower()


def test_id_numbers_after_their_label_in_any_grouping():
    text = ("CCCD số 046 190 001 234, CMND: 191.234.567, căn cước công dân 046-190-001-235, "
            "hộ chiếu C1234567.")
    masked = mask_personal_data(text)
    assert masked == "CCCD số ***, CMND: ***, căn cước công dân ***, hộ chiếu ***."
    # amounts are not ID numbers
    assert mask_personal_data("Hỗ trợ 150.000.000 đồng.") == "Hỗ trợ 150.000.000 đồng."


def test_uppercase_names_after_a_form_of_address():
    assert mask_personal_data("ÔNG PHẠM VĂN KHOA tổ trưởng") == "ÔNG *** tổ trưởng"
    assert mask_personal_data("Bà NGUYỄN THỊ LAN báo") == "Bà *** báo"


def test_full_names_without_a_form_of_address_but_not_street_names():
    masked = mask_personal_data("Liên hệ Nguyễn Hữu Phước hoặc TRẦN VĂN BÌNH để xác minh.")
    assert masked == "Liên hệ *** hoặc *** để xác minh."
    for place in ("Đường Nguyễn Chí Thanh ngập nước.", "Trường THPT Nguyễn Huệ",
                  "Cống trước nhà văn hóa Phan Đình Phùng", "Thành phố Hồ Chí Minh",
                  "Đoạn đường Lê Lợi bị sụt lún."):
        assert mask_personal_data(place) == place


def test_labelled_street_address():
    assert (mask_personal_data("địa chỉ: 27 Trần Phú, phường Phú Xuân")
            == "địa chỉ: *** Trần Phú, phường Phú Xuân")
