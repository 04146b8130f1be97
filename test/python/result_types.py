"""Type tests of the generated Python: what pyright and mypy infer for the example's wrappers.

``assert_type`` fails the type checkers when an inferred type is not exactly the one
given; each ``# type: ignore[...]`` line must be an error (both run with unused ignores
reported), as ``@ts-expect-error`` lines are in test/generated/types.test.ts. Never run:
checked by test/python/python.test.ts.
"""

from __future__ import annotations

from typing import Any, Literal, assert_type

from dify_plugin.core.runtime import Session

from generated_py import ToolCall, petstore
from generated_py.runtime import JsonObject


def results(session: Session) -> None:
    # json() yields the object bodies, body() every JSON body.
    assert_type(
        petstore.get_pet_by_id(session, {"petId": 1}),
        ToolCall[petstore.GetPetByIdResult, dict[str, Any], petstore.GetPetByIdResult],
    )
    pet = petstore.get_pet_by_id(session, {"petId": 1}).json()[0]
    assert_type(pet["id"], int)
    assert_type(pet["species"], Literal["dog", "cat", "bird", "guinea pig"])
    # An array body: Dify sends it only as text; json() has nothing typed to give.
    assert_type(petstore.list_pets(session).body(), petstore.ListPetsBody)
    assert_type(petstore.list_pets(session).json(), list[JsonObject])
    # No JSON response declared: untyped.
    assert_type(petstore.delete_pet(session, {"petId": 1}).body(), Any)


def misuse(session: Session) -> None:
    pet = petstore.get_pet_by_id(session, {"petId": 1}).json()[0]
    pet["colour"]  # type: ignore[typeddict-item]
    pets = petstore.list_pets(session).body()
    pets["name"]  # type: ignore[call-overload]
    petstore.get_pet_by_id(session, {"petID": 7})  # type: ignore[typeddict-unknown-key, typeddict-item]
    petstore.get_pet_by_id(session, {"petId": "7"})  # type: ignore[typeddict-item]
    petstore.add_pet(session, {"species": "cat"})  # type: ignore[typeddict-item]
    petstore.add_pet(session, {"name": "Rex", "species": "fish"})  # type: ignore[typeddict-item]
    petstore.get_pet_by_id(session)  # type: ignore[call-arg]
    petstore.petspet_idphoto_post(session, {"petId": 1, "photo": "p.png"})  # type: ignore[typeddict-item]
