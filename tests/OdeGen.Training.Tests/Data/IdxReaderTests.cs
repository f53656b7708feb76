using System.IO;
using OdeGen.Data;

namespace OdeGen.Training.Tests.Data;

/// <summary><see cref="IdxFile"/>, <see cref="LabeledImages"/> and <see cref="MnistFolder"/> on tiny synthetic IDX files.</summary>
public class IdxReaderTests
{
    [Theory]
    [InlineData(".gz")]
    [InlineData("")]
    public void Images_are_scaled_to_the_unit_interval_and_labels_read_as_ints(string suffix)
    {
        using var files = new IdxFixtures();
        var (images, labels) = files.WriteSet("train", 5, suffix);

        var set = LabeledImages.Load(images, labels);

        Assert.Equal(5, set.Count);
        Assert.Equal((2, 3), (set.Rows, set.Columns));
        Assert.Equal([0, 1, 2, 3, 4], set.Labels);
        Assert.Equal(5, set.Classes);
        // Image 3, pixel 4: (120 + 40) mod 256 = 160.
        Assert.Equal(160 / 255.0, set.Image(3)[4], 15);
        Assert.All(set.Pixels, v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(0.0, set.Image(0)[0]);
    }

    [Fact]
    public void Full_byte_range_maps_to_zero_and_one()
    {
        using var files = new IdxFixtures();
        string images = files.Write("i.gz", IdxFixtures.Bytes([1, 1, 2], [0, 255]));
        string labels = files.Write("l.gz", IdxFixtures.Bytes([1], [7]));

        var set = LabeledImages.Load(images, labels);

        Assert.Equal([0.0, 1.0], set.Pixels);
        Assert.Equal([7], set.Labels);
    }

    [Fact]
    public void A_truncated_file_is_rejected_with_its_name_and_the_sizes()
    {
        using var files = new IdxFixtures();
        byte[] whole = IdxFixtures.Bytes([4, 2, 3], new byte[24]);
        string path = files.Write("short-images-idx3-ubyte.gz", whole[..^5]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, 3));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("24 bytes", e.Message);
        Assert.Contains("only 19", e.Message);
    }

    [Fact]
    public void A_gzip_file_cut_short_is_rejected_with_its_name()
    {
        using var files = new IdxFixtures();
        var (images, _) = files.WriteSet("train", 40);
        byte[] whole = File.ReadAllBytes(images);
        File.WriteAllBytes(images, whole[..(whole.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(images, 3));

        Assert.Contains(images, e.Message);
    }

    [Fact]
    public void A_file_that_ends_inside_the_header_is_rejected()
    {
        using var files = new IdxFixtures();
        string path = files.Write("header", IdxFixtures.Bytes([4, 2, 3], [])[..9]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, 3));

        Assert.Contains(path, e.Message);
        Assert.Contains("size of dimension 1", e.Message);
    }

    [Fact]
    public void A_wrong_magic_number_is_rejected()
    {
        using var files = new IdxFixtures();
        byte[] bytes = IdxFixtures.Bytes([1], [3]);
        bytes[0] = 0x1f;
        string path = files.Write("labels", bytes);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, 1));

        Assert.Contains(path, e.Message);
        Assert.Contains("magic number 0x1F000801", e.Message);
    }

    [Fact]
    public void A_wrong_element_type_or_rank_is_rejected()
    {
        using var files = new IdxFixtures();
        string floats = files.Write("floats", IdxFixtures.Bytes([1], [0, 0, 0, 0], type: 0x0D));
        string labelsAsImages = files.Write("labels", IdxFixtures.Bytes([2], [1, 2]));

        Assert.Contains("element type 0x0D", Assert.Throws<InvalidDataException>(() => IdxFile.Read(floats, 1)).Message);
        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(labelsAsImages, 3));
        Assert.Contains("1 dimensions, expected 3 (images)", e.Message);
    }

    [Fact]
    public void A_file_named_gz_that_is_not_gzip_is_rejected_with_its_name()
    {
        using var files = new IdxFixtures();
        string path = files.Path("plain.gz");
        File.WriteAllBytes(path, IdxFixtures.Bytes([1], [3]));

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, 1));

        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        using var files = new IdxFixtures();
        var (images, _) = files.WriteSet("train", 5);
        var (_, labels) = files.WriteSet("other", 4);

        var e = Assert.Throws<InvalidDataException>(() => LabeledImages.Load(images, labels));

        Assert.Contains(labels, e.Message);
        Assert.Contains("4 labels", e.Message);
        Assert.Contains("5 images", e.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var files = new IdxFixtures();
        string missing = files.Path("nothing-idx3-ubyte.gz");

        var e = Assert.Throws<FileNotFoundException>(() => IdxFile.Read(missing, 3));

        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void A_folder_loads_its_training_and_test_sets_and_names_a_missing_file()
    {
        using var files = new IdxFixtures();
        files.WriteSet("train", 6);
        Assert.False(MnistFolder.Contains(files.Folder));
        var e = Assert.Throws<FileNotFoundException>(() => MnistFolder.Load(files.Folder));
        Assert.Contains("t10k-images-idx3-ubyte", e.Message);

        files.WriteSet("t10k", 3, suffix: "");
        var (train, test) = MnistFolder.Load(files.Folder);

        Assert.True(MnistFolder.Contains(files.Folder));
        Assert.Equal(6, train.Count);
        Assert.Equal(3, test.Count);
        Assert.Equal(2, train.Take(2).Count);
        Assert.Equal(train.Image(1).ToArray(), train.Take(2).Image(1).ToArray());
    }
}
